// Dev-server middleware that plays a vendor's terms server in its bad moods.
export async function termsFixtures(ctx, next) {
  const match = /^\/__terms\/(\w+)(?:\/(\d+))?/.exec(ctx.path);
  if (!match) return next();
  const [, kind, arg] = match;
  switch (kind) {
    case 'status':
      ctx.status = Number(arg);
      ctx.body = 'fixture error';
      return;
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, Number(arg ?? 3000)));
      ctx.type = 'application/json';
      ctx.body = '{}';
      return;
    case 'reset':
      ctx.req.socket.destroy();
      return;
    default:
      return next();
  }
}
