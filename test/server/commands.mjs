// wtr commands that the stock ones lack, run through the page's Puppeteer handle.
// Emulation lasts as long as the CDP session that set it, so one is kept per page.
const sessions = new WeakMap();

export function extraCommandsPlugin() {
  return {
    name: 'extra-commands',
    async executeCommand({ command, payload, session }) {
      const page = () => session.browser.getPage(session.id);
      switch (command) {
        // A real double click (the second click with detail 2): sendMouse sends every click as a first one.
        case 'double-click': {
          const [x, y] = payload.position;
          await page().mouse.click(x, y, { count: 2 });
          return true;
        }
        // Media features emulateMedia does not cover, such as forced-colors (Puppeteer refuses it too: straight to CDP).
        case 'media-features': {
          if (!sessions.has(page())) sessions.set(page(), await page().createCDPSession());
          await sessions.get(page()).send('Emulation.setEmulatedMedia', { features: payload.features });
          return true;
        }
        // Live DOM nodes after a full garbage collection, for leak checks.
        case 'dom-nodes': {
          if (!sessions.has(page())) sessions.set(page(), await page().createCDPSession());
          const cdp = sessions.get(page());
          await cdp.send('HeapProfiler.collectGarbage');
          const { nodes } = await cdp.send('Memory.getDOMCounters');
          return nodes;
        }
        default:
          return undefined;
      }
    },
  };
}
