/** One measured figure, printed as a row. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The median of run-by-run ratios: each pair was measured side by side, so it shares the machine's state of the moment. */
export const pairedRatio = (values: number[], baselines: number[]): number => median(values.map((value, i) => value / baselines[i]!));

/** A figure against its ceiling, as the tables print it: `(target ≤ 50 ms: PASS)` or `MISS`. */
export const verdict = (value: number, ceiling: number, target: string): string => `(target ${target}: ${value <= ceiling ? 'PASS' : 'MISS'})`;
