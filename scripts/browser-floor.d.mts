/** A floor browser that lacks a feature: added later (`added`, null if never), or removed since (`removed`). */
export interface Lack {
  browser: string;
  floor: string;
  added?: string | null;
  removed?: string;
}
export interface Finding {
  file: string;
  line: number;
  column: number;
  /** The feature, as es-x or the data names it: `Element.prototype.checkVisibility`, `ES2024 RegExp 'v' flag`. */
  feature: string;
  /** Its @mdn/browser-compat-data keys. */
  data: string[];
  lacking: Lack[];
  /** `es-x/<rule>`, `web-api`, `web-api (by name)` or `parser`. */
  by: string;
  guarded: boolean;
  snippet: string;
  note?: string;
}
export interface Result {
  problems: Finding[];
  guarded: Finding[];
  files: string[];
}
export const floor: Record<string, string>;
export const esRules: { name: string; category: string; edition: number; on: boolean; features: { key: string; lacking: Lack[] }[]; lacking: Lack[]; note?: string }[];
export function checkSources(sources: { file: string; code: string }[], options?: { followImports?: boolean }): Promise<Result>;
export function checkSource(code: string, file?: string): Promise<Result>;
export function describeLacking(lacking: Lack[]): string;
export function formatFinding(finding: Finding): string;
export function browserFiles(dist?: string): string[];
