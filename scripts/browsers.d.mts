export function chromiumPath(): string;
export function firefoxPath(): string;
export function miniBrowserPath(): string;
export const chromiumArgs: string[];
export function startWebKitDriver(): Promise<{ port: number; stop: () => void }>;
