/**
 * Graceful interruption: the first SIGINT/SIGTERM asks the run to stop after the current
 * step (it then writes its metrics, summary and checkpoint); a second one exits at once.
 * Files are written atomically, so even then nothing already written is lost.
 */
export function stopSignal(): { requested: () => boolean; dispose: () => void } {
  let requested = false;
  const handler = (sig: NodeJS.Signals) => {
    if (requested) process.exit(130);
    requested = true;
    process.stderr.write(`\n${sig}: stopping after this step and saving (again to quit at once)\n`);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    requested: () => requested,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
