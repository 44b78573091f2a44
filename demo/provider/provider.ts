// The demo's stand-in for OPTiM's site: its own terms, the client download, and the 受付番号.
const params = new URL(location.href).searchParams;
document.querySelector('#vendor')!.textContent = params.get('vendor') ?? '(不明)';
document.querySelector('#accept')!.addEventListener('click', () => {
  document.querySelector<HTMLElement>('#terms-step')!.hidden = true;
  document.querySelector<HTMLElement>('#number-step')!.hidden = false;
  document.querySelector('#number')!.textContent = String(Math.floor(100000 + Math.random() * 900000));
});
