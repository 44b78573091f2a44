// A wtr command for a real double click (two clicks, the second with detail 2),
// which sendMouse cannot make: it sends every click as a first click.
export function doubleClickPlugin() {
  return {
    name: 'double-click',
    async executeCommand({ command, payload, session }) {
      if (command !== 'double-click') return undefined;
      const page = session.browser.getPage(session.id);
      const [x, y] = payload.position;
      await page.mouse.click(x, y, { count: 2 });
      return true;
    },
  };
}
