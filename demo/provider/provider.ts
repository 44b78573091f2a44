import { langFromUrl, setPageLang } from '../lang.js';

// The demo's stand-in for OPTiM's site: its own terms, the client download, and the reception number.
// It speaks the language the portal's link asks for (`lang`), so the demo reads through in either.
setPageLang(langFromUrl());
const vendor = new URL(location.href).searchParams.get('vendor');
if (vendor) {
  document.querySelector('#vendor')!.textContent = vendor;
  document.querySelector<HTMLElement>('.vendor')!.hidden = false;
}
document.querySelector('#accept')!.addEventListener('click', () => {
  document.querySelector<HTMLElement>('#terms-step')!.hidden = true;
  document.querySelector<HTMLElement>('#number-step')!.hidden = false;
  document.querySelector('#number')!.textContent = String(Math.floor(100000 + Math.random() * 900000));
});
