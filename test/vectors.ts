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
