export function serveDist(routes?: Record<string, [type: string, body: string | Buffer]>): Promise<{ origin: string; close: () => void }>;
