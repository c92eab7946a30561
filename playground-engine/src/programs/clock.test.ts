import { describe, expect, it } from 'vitest';
import { httpDate, nginxLocalTime } from './clock';

describe('time texts kept per minute', () => {
  it('nginx $time_local and the HTTP Date header at t = 0 and across minutes, days and zones', () => {
    expect(nginxLocalTime(0, 0)).toBe('08/Dec/2022:11:35:00 +0000');
    expect(nginxLocalTime(0, 480)).toBe('08/Dec/2022:19:35:00 +0800');
    expect(httpDate(0)).toBe('Thu, 08 Dec 2022 11:35:00 GMT');
    expect(nginxLocalTime(59_999, 0)).toBe('08/Dec/2022:11:35:59 +0000');
    expect(nginxLocalTime(60_000, 0)).toBe('08/Dec/2022:11:36:00 +0000');
    // The cached minute is left for another zone and back, and for an earlier time.
    expect(nginxLocalTime(61_000, -300)).toBe('08/Dec/2022:06:36:01 -0500');
    expect(nginxLocalTime(61_000, 0)).toBe('08/Dec/2022:11:36:01 +0000');
    expect(nginxLocalTime(-1, 0)).toBe('08/Dec/2022:11:34:59 +0000');
    expect(httpDate(-1)).toBe('Thu, 08 Dec 2022 11:34:59 GMT');
    expect(httpDate(12 * 3_600_000 + 25 * 60_000 + 7_500)).toBe('Fri, 09 Dec 2022 00:00:07 GMT');
    expect(nginxLocalTime(4 * 3_600_000 + 25 * 60_000, 480)).toBe('09/Dec/2022:00:00:00 +0800');
  });
});
