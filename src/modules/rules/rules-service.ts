import crypto from 'node:crypto';
import type { AnyDb } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/index.js';
import { canonicalJson } from '../../shared/json/canonical-json.js';
import { todayInChina } from '../../shared/dates/calendar-date.js';
import { recordAudit, requirePermission, type Actor } from '../access/index.js';
import { compilePack, PackInvalidError, type PackSources } from './domain/compile-pack.js';
import type { RulesEngine } from './domain/engine.js';
import { diffPacks, type PackDiff } from './domain/pack-diff.js';
import { loadBundledPack } from './infra/load-pack.js';
import { packVersionRepository, type PackVersionRow } from './infra/pack-versions.repository.js';
import { markInterruptedRuns } from './infra/findings.repository.js';

const PACK = 'lingyuan-2019';

export interface PackVersionView {
  id: number;
  pack: string;
  version: string;
  checksum: string;
  loadedAt: string;
  loadedBy: string;
  activeFrom: string | null;
  activatedAt: string | null;
  activatedBy: string | null;
}

/**
 * The policy packs in use: the committed pack, and versions loaded into the database (validated, their
 * cases run) and activated from a date. `engineFor(date)` gives the version in force on that date —
 * a decision records the label of the version it used and can be re-run with it.
 */
export class RulesService {
  private engines = new Map<string, RulesEngine>();
  private schedule: { from: string; label: string }[] = [];

  constructor(private readonly db: AnyDb) {}

  /** At the start of the only process of an embedded database: scans it left running were interrupted. */
  async closeInterruptedScans(): Promise<void> {
    await markInterruptedRuns(this.db);
  }

  /** Load the activated versions from the database (at start, and after an activation). */
  async reload(): Promise<void> {
    const rows = await packVersionRepository.activated(this.db, PACK);
    const schedule: { from: string; label: string }[] = [];
    for (const r of rows) {
      const label = `${r.pack}@${r.version}`;
      if (!this.engines.has(label)) this.engines.set(label, compilePack(r.sources as PackSources));
      schedule.push({ from: r.active_from!, label });
    }
    this.schedule = schedule;
  }

  /** The engine in force on a date: the latest version activated from on or before it, else the committed pack. */
  engineFor(date: string): RulesEngine {
    let label: string | undefined;
    for (const s of this.schedule) if (s.from <= date) label = s.label;
    return (label && this.engines.get(label)) || loadBundledPack(PACK);
  }

  /** A version by its label (`lingyuan-2019@1.1.0`), to re-run a decision as it was made. */
  async engineByLabel(label: string): Promise<RulesEngine> {
    const bundled = loadBundledPack(PACK);
    if (label === bundled.label) return bundled;
    const cached = this.engines.get(label);
    if (cached) return cached;
    const [pack, version] = label.split('@') as [string, string];
    const row = await packVersionRepository.find(this.db, pack, version ?? '');
    if (!row) throw new AppError('PACK_NOT_FOUND', { path: 'pack' });
    const engine = compilePack(row.sources as PackSources);
    this.engines.set(label, engine);
    return engine;
  }

  /** Validate a new version (schema, expressions, limits, its own cases) and keep it, inactive. */
  async loadVersion(
    actor: Actor,
    sources: PackSources,
  ): Promise<{ version: PackVersionView; diff: PackDiff }> {
    requirePermission(actor, 'rules.manage');
    try {
      compilePack(sources);
    } catch (e) {
      if (e instanceof PackInvalidError) {
        throw new AppError('PACK_INVALID', {
          path: 'sources',
          zh: `政策包校验未通过：${e.problems
            .slice(0, 5)
            .map((p) => `${p.where}：${p.message}`)
            .join('；')}`,
          en: e.message.slice(0, 2000),
        });
      }
      throw e;
    }
    const text = canonicalJson(sources);
    const checksum = crypto.createHash('sha256').update(text).digest('hex');
    const row = await this.db.transaction().execute(async (trx) => {
      const inserted = await packVersionRepository.insert(trx, {
        pack: sources.meta.id,
        version: sources.meta.version,
        sources: text,
        checksum,
        loaded_by: actor.username,
      });
      if (!inserted) {
        const existing = await packVersionRepository.find(trx, sources.meta.id, sources.meta.version);
        if (existing?.checksum === checksum) return existing;
        throw new AppError('CONFLICT', {
          path: 'version',
          zh: `政策包 ${sources.meta.id} 的版本 ${sources.meta.version} 已存在且内容不同，请提高版本号`,
          en: 'This version exists with other content: bump the version',
        });
      }
      await recordAudit(trx, actor, {
        action: 'rules.pack.load',
        entityType: 'packVersion',
        entityId: inserted.id,
        details: { pack: inserted.pack, version: inserted.version, checksum },
      });
      return inserted;
    });
    return { version: view(row), diff: diffPacks(this.activeSources(), sources) };
  }

  /** The sources of the version in force today (for diffs). */
  private activeSources(): PackSources {
    return this.engineFor(todayInChina()).sources;
  }

  /** A loaded version, for the policy administrator. */
  private async loadedVersion(actor: Actor, version: string) {
    requirePermission(actor, 'rules.manage');
    const row = await packVersionRepository.find(this.db, PACK, version);
    if (!row) throw new AppError('PACK_NOT_FOUND', { path: 'version' });
    return row;
  }

  async diff(actor: Actor, version: string): Promise<PackDiff> {
    const row = await this.loadedVersion(actor, version);
    return diffPacks(this.activeSources(), row.sources as PackSources);
  }

  async activate(actor: Actor, version: string, from: string): Promise<PackVersionView> {
    const row = await this.loadedVersion(actor, version);
    const updated = await this.db.transaction().execute(async (trx) => {
      const u = await packVersionRepository.activate(trx, row.id, from, actor.username);
      await recordAudit(trx, actor, {
        action: 'rules.pack.activate',
        entityType: 'packVersion',
        entityId: row.id,
        details: { pack: row.pack, version: row.version, from },
      });
      return u;
    });
    await this.reload();
    return view(updated);
  }

  async list(actor: Actor): Promise<{ bundled: string; versions: PackVersionView[] }> {
    requirePermission(actor, 'rules.manage');
    const rows = await packVersionRepository.list(this.db, PACK);
    return { bundled: loadBundledPack(PACK).label, versions: rows.map((r) => view({ ...r, sources: null })) };
  }
}

function view(r: Omit<PackVersionRow, 'sources'> & { sources?: unknown }): PackVersionView {
  return {
    id: r.id,
    pack: r.pack,
    version: r.version,
    checksum: r.checksum,
    loadedAt: r.loaded_at.toISOString(),
    loadedBy: r.loaded_by,
    activeFrom: r.active_from,
    activatedAt: r.activated_at?.toISOString() ?? null,
    activatedBy: r.activated_by,
  };
}
