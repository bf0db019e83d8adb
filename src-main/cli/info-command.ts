// Runs in: CLI. `anyfill info`: ask a real engine process for versions and execution providers.
import type { AppInfo } from '../../src-shared/contract/payloads';
import { resolveModelsDir } from '../common/paths';
import { forkEngine } from '../host/engine-child';
import { EngineSupervisor } from '../host/engine-supervisor';
import { createSessionDir } from '../host/session-dir';
import { appVersion, assertBuilt, enginePath } from './locations';

export async function runInfo(flags: { json?: boolean; models?: string }): Promise<number> {
  assertBuilt();
  const session = await createSessionDir();
  const modelsDir = resolveModelsDir(flags.models);
  const supervisor = new EngineSupervisor({
    spawn: () => forkEngine(enginePath(), { sessionDir: session.root, modelsDir, host: 'cli', version: appVersion() }),
    onEvent: () => undefined,
    maxQuickCrashes: 0,
  });
  supervisor.start();
  try {
    const info = (await supervisor.request('app.info', {})) as AppInfo;
    console.log(flags.json ? JSON.stringify(info, null, 2) : formatInfo(info));
    return 0;
  } finally {
    await supervisor.stop();
    await session.dispose();
  }
}

function formatInfo(info: AppInfo): string {
  const lines = [`Anyfill ${info.version}`, '', 'Versions:'];
  for (const [k, v] of Object.entries(info.versions)) lines.push(`  ${k.padEnd(14)} ${v}`);
  lines.push('', 'Execution providers:');
  for (const ep of info.executionProviders) {
    lines.push(`  ${ep.name.padEnd(14)} ${ep.available ? 'available' : 'not available'}${ep.note ? ` (${ep.note})` : ''}`);
  }
  lines.push('', `Models folder:   ${info.modelsDir}`);
  lines.push(`Image limit:     ${Math.round(info.limits.maxPixels / 1e6)} MP`);
  return lines.join('\n');
}
