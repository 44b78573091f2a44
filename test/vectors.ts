/** Known answers shared by the browser and Node tests. */

// Inputs as JSON text (so escapes are exactly as a file would have them), their
// RFC 8785 form and its SHA-256, computed independently with Node's crypto.
export const jcsVectors = [
  {
    name: 'RFC 8785 §3.2.2 numbers and string escapes',
    json: '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    canonical: '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    sha256: 'LV4BoxjQ8IeatWjEviicix9k74khpTxid9XgaZeLqss',
  },
  {
    name: 'RFC 8785 §3.2.3 key order by UTF-16 code units, with emoji',
    json: '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
    canonical: '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    sha256: 'XjIVVtIgGKllaZGp6U937BdfoZPlKiQp0xL4QZ7IsIw',
  },
  {
    name: 'control characters, negative zero and exponents',
    json: '{"b":"\\u0000\\u0001\\u001f\\u007f\\t\\b\\f","a":[1,-0,1e21,1e-7,0.1]}',
    canonical: '{"a":[1,0,1e+21,1e-7,0.1],"b":"\\u0000\\u0001\\u001f\u007f\\t\\b\\f"}',
    sha256: 'sBiSgDcpMafrn_k-POBf-tLToYCg5ulMXBvCEUQeu1o',
  },
  {
    name: 'Japanese and emoji as UTF-8',
    json: '{"id":"x","clauses":["同意します😀"],"locale":"ja"}',
    canonical: '{"clauses":["同意します😀"],"id":"x","locale":"ja"}',
    sha256: 'cZ3BeIo92Mg6uqrjw3WZZOmzXHhKAZMMrTcFImyag70',
  },
];

// A published version is evidence: its text may never change, or old records stop verifying.
export const publishedDigests: Record<string, string> = {
  'remote-connect-support 2025-04-01 ja': 'du44q8yT6FtY0D58qDRD-TYrpKstt1DH-vycdGt8P-s',
  'remote-connect-support 2025-04-01 en': 'Hm3VwkZqw7HnnbIE4v3Bg106ZDav6J8271OVjBJtAVY',
};

/** The open-redirect rule's cases, checked in Node and in the browser. `null`: refused. */
export const defaultAllowed = 'https://optim.co.jp https://*.optim.co.jp';
export const redirectCases: Array<{ name: string; url: string; allowed?: string; expect: string | null }> = [
  { name: 'the exact origin', url: 'https://optim.co.jp/remote/start?vendor=1', expect: 'https://optim.co.jp/remote/start?vendor=1' },
  { name: 'a subdomain', url: 'https://connect.optim.co.jp/', expect: 'https://connect.optim.co.jp/' },
  { name: 'a deeper subdomain', url: 'https://a.b.optim.co.jp/x', expect: 'https://a.b.optim.co.jp/x' },
  { name: 'mixed case, normalised', url: 'HTTPS://Connect.OPTiM.co.jp/Path', expect: 'https://connect.optim.co.jp/Path' },
  { name: 'the default port, normalised', url: 'https://optim.co.jp:443/', expect: 'https://optim.co.jp/' },
  { name: 'http on localhost when allowed', url: 'http://localhost:8080/p', allowed: 'http://localhost:8080', expect: 'http://localhost:8080/p' },
  { name: 'http on [::1] when allowed', url: 'http://[::1]:8080/', allowed: 'http://[::1]:8080', expect: 'http://[::1]:8080/' },
  { name: 'a script URL', url: 'javascript:alert(1)', expect: null },
  { name: 'a script URL in capitals', url: 'JaVaScRiPt:alert(document.domain)', expect: null },
  { name: 'a data URL', url: 'data:text/html,<script>alert(1)</script>', expect: null },
  { name: 'a blob URL of an allowed origin', url: 'blob:https://optim.co.jp/0b6e9f0c-6d1e-4f7a-8a3e-1c2d3e4f5a6b', expect: null },
  { name: 'a vbscript URL', url: 'vbscript:msgbox(1)', expect: null },
  { name: 'plain http', url: 'http://optim.co.jp/', expect: null },
  { name: 'ftp', url: 'ftp://optim.co.jp/', expect: null },
  { name: 'a look-alike prefix', url: 'https://xoptim.co.jp/', expect: null },
  { name: 'the allowed name as a subdomain of another', url: 'https://optim.co.jp.evil.example/', expect: null },
  { name: 'the allowed name in the path', url: 'https://evil.example/optim.co.jp', expect: null },
  { name: 'the allowed name in the query', url: 'https://evil.example/?next=https://optim.co.jp', expect: null },
  { name: 'the allowed name in the fragment', url: 'https://evil.example/#https://optim.co.jp', expect: null },
  { name: 'user info', url: 'https://user:secret@optim.co.jp/', expect: null },
  { name: 'the allowed name as user info', url: 'https://optim.co.jp@evil.example/', expect: null },
  { name: 'a protocol-relative URL', url: '//evil.example/', expect: null },
  { name: 'a relative path', url: '/remote/start', expect: null },
  { name: 'backslashes', url: 'https:\\\\evil.example\\', expect: null },
  { name: 'a backslash before user info', url: 'https://evil.example\\@optim.co.jp/', expect: null },
  { name: 'another port', url: 'https://optim.co.jp:8443/', expect: null },
  { name: 'a Cyrillic look-alike (IDN)', url: 'https://\u043eptim.co.jp/', expect: null },
  { name: 'a fullwidth dot', url: 'https://optim.co.jp\uff0eevil.example/', expect: null },
  { name: 'a trailing dot', url: 'https://connect.optim.co.jp./', expect: null },
  { name: 'a literal wildcard host', url: 'https://*.optim.co.jp/', expect: null },
  { name: 'leading whitespace', url: ' https://optim.co.jp/', expect: null },
  { name: 'a newline inside the host', url: 'https://optim.co.jp\n.evil.example/', expect: null },
  { name: 'a tab inside the scheme', url: 'java\tscript:alert(1)', expect: null },
  { name: 'a NUL character', url: 'https://optim.co.jp\u0000.evil.example/', expect: null },
  { name: 'the bare suffix of a wildcard-only list', url: 'https://optim.co.jp/', allowed: 'https://*.optim.co.jp', expect: null },
  { name: 'http on a name that starts with localhost', url: 'http://localhost.evil.example/', allowed: 'http://localhost.evil.example', expect: null },
  { name: 'http on 127.0.0.1 with another port than allowed', url: 'http://127.0.0.1:9/', allowed: 'http://127.0.0.1:8080', expect: null },
  { name: 'an allow-list entry with a path, which is ignored', url: 'https://evil.example/x', allowed: 'https://evil.example/x', expect: null },
  { name: 'an allow-list entry "*", which is ignored', url: 'https://evil.example/', allowed: '*', expect: null },
  { name: 'an empty allow-list', url: 'https://optim.co.jp/', allowed: '', expect: null },
  { name: 'a single-label wildcard entry, which is ignored', url: 'https://evil.com/', allowed: 'https://*.com', expect: null },
];

/** Japan's national holidays (and substitutes, and 国民の休日) in 2025 and 2026, as published by the Cabinet Office. */
export const japaneseHolidays = {
  2025: ['01-01', '01-13', '02-11', '02-23', '02-24', '03-20', '04-29', '05-03', '05-04', '05-05', '05-06', '07-21', '08-11', '09-15', '09-23', '10-13', '11-03', '11-23', '11-24'],
  2026: ['01-01', '01-12', '02-11', '02-23', '03-20', '04-29', '05-03', '05-04', '05-05', '05-06', '07-20', '08-11', '09-21', '09-22', '09-23', '10-12', '11-03', '11-23'],
} as const;

/** Moments (in Japan time) and whether the default schedule (weekdays 9:00–17:00, holidays and 12/29–1/3 closed) is open. */
export const receptionMoments: Array<[string, boolean, string]> = [
  ['2026-11-25T10:00:00+09:00', true, 'a Wednesday morning'],
  ['2026-11-25T09:00:00+09:00', true, 'the first minute'],
  ['2026-11-25T08:59:59+09:00', false, 'a second before opening'],
  ['2026-11-25T16:59:59+09:00', true, 'the last second'],
  ['2026-11-25T17:00:00+09:00', false, 'closing time'],
  ['2026-11-28T10:00:00+09:00', false, 'a Saturday'],
  ['2026-11-29T10:00:00+09:00', false, 'a Sunday'],
  ['2026-11-23T10:00:00+09:00', false, "Labour Thanksgiving Day, a Monday"],
  ['2025-11-24T10:00:00+09:00', false, 'a substitute holiday (for Sunday 11-23)'],
  ['2026-05-06T10:00:00+09:00', false, 'a substitute holiday in Golden Week'],
  ['2026-09-22T10:00:00+09:00', false, "a citizens' holiday between two holidays"],
  ['2026-12-28T10:00:00+09:00', true, 'the last working day of the year'],
  ['2026-12-29T10:00:00+09:00', false, 'the year-end break begins'],
  ['2027-01-04T10:00:00+09:00', true, 'the first working day of the year'],
  ['2026-11-25T01:30:00Z', true, 'UTC early morning is Japan mid-morning'],
  ['2026-11-24T23:30:00Z', false, 'UTC late evening is Japan before opening'],
];
