import { readTermsFile } from './terms-file.js';

export type TermsAction = 'digest' | 'integrity' | 'check';

/**
 * `terms digest|integrity|check <file>`: each validates first, so no digest
 * is printed for a document the element would refuse anyway.
 */
export async function termsCommand(action: TermsAction, path: string): Promise<string> {
  const { document, sha256 } = await readTermsFile(path);
  switch (action) {
    case 'digest':
      return `${sha256}\n`;
    case 'integrity':
      return `sha256-${sha256}\n`;
    case 'check':
      return `${path}: a valid terms document (${document.id} ${document.version} ${document.locale}, sha256-${sha256})\n`;
  }
}
