import { ConsentServerError } from '../errors.js';

/**
 * Loads a database driver on demand, so a vendor who uses one database never
 * installs or loads the other; a missing driver says how to install it.
 */
export async function loadDriver<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const missing =
      (error as { code?: unknown })?.code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(`'${name}'`);
    if (missing) throw new ConsentServerError('driver-not-installed', `the database driver is not installed: npm install ${name}`, { cause: error });
    throw new ConsentServerError('storage-unavailable', `the database driver ${name} did not load: ${String(error)}`, { cause: error });
  }
}
