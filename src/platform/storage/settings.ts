import path from 'node:path';

/** Where uploaded materials are kept and how large one may be. */
export interface MaterialSettings {
  /** `JIUYE_MATERIALS_DIR`, or `<dataDir>/materials`. */
  dir: string;
  /** `JIUYE_MATERIAL_MAX_MB` (default 10) in bytes. */
  maxBytes: number;
}

export const DEFAULT_MATERIAL_MAX_MB = 10;

/** Read the material settings from the environment, beside the data folder of the configuration. */
export function materialSettings(
  config: { dataDir: string },
  env: NodeJS.ProcessEnv = process.env,
): MaterialSettings {
  const raw = env.JIUYE_MATERIAL_MAX_MB;
  const mb = raw === undefined || raw === '' ? DEFAULT_MATERIAL_MAX_MB : Number(raw);
  if (!Number.isFinite(mb) || mb <= 0 || mb > 1024) {
    throw new Error(`JIUYE_MATERIAL_MAX_MB must be a number of megabytes between 0 and 1024, got "${raw}"`);
  }
  return {
    dir: path.resolve(env.JIUYE_MATERIALS_DIR || path.join(config.dataDir, 'materials')),
    maxBytes: Math.floor(mb * 1024 * 1024),
  };
}
