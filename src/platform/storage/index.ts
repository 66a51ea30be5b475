/** The material store: uploaded evidence (PDF, JPEG, PNG), outside the database, by SHA-256. */
import { MaterialStore } from './material-store.js';
import { materialSettings } from './settings.js';

export {
  MATERIAL_MIME_TYPES,
  MaterialStore,
  sniffMaterialType,
  type MaterialMime,
  type StoredMaterial,
} from './material-store.js';
export { DEFAULT_MATERIAL_MAX_MB, materialSettings, type MaterialSettings } from './settings.js';

/**
 * The store of this installation: `JIUYE_MATERIALS_DIR`, or `<dataDir>/materials`. Its `maxBytes` is the
 * size limit to pass to `put` (`JIUYE_MATERIAL_MAX_MB`, default 10 MB).
 */
export function materialStoreFor(
  config: { dataDir: string },
  env: NodeJS.ProcessEnv = process.env,
): MaterialStore & { maxBytes: number } {
  const s = materialSettings(config, env);
  return Object.assign(new MaterialStore(s.dir), { maxBytes: s.maxBytes });
}
