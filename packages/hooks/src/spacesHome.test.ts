import { defaultHome } from '@spaces/client';
import { describe, expect, it } from 'vitest';
import { spacesHome } from './spacesHome.js';

describe('spacesHome', () => {
  it('is SPACES_HOME when set', () => {
    expect(spacesHome({ SPACES_HOME: '/srv/spaces' })).toBe('/srv/spaces');
  });

  it('is the client’s default home otherwise, on every platform', () => {
    const envs = [
      { HOME: '/home/ann' },
      { HOME: '/home/ann', XDG_DATA_HOME: '/data' },
      { HOME: '/home/ann', XDG_DATA_HOME: ' ' },
      { HOME: 'C:\\Users\\ann', APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' },
    ];
    for (const os of ['linux', 'darwin', 'win32']) {
      for (const env of envs) expect(spacesHome(env, os)).toBe(defaultHome(env, os));
    }
  });
});
