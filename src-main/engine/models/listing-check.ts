// Runs in: engine process (and the CLI). Checks a pack's catalog files against the hub's listings (pure):
// sizes and LFS sha256 come from the listing, a model's external data is whatever the listing holds next
// to it (one weights.pb or many loose tensor files), and any disagreement stops the download before a
// byte is fetched, naming the file and the commit.
import path from 'node:path';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { CatalogFile, CatalogPack } from '../../../src-shared/models/catalog-schema';
import { PackPathSchema } from '../../../src-shared/models/catalog-schema';
import type { ListedFile, RepoListing } from './hub-listing';

export type PlannedFile = CatalogFile & {
  /** `bytes` is exact: pinned with a sha256 or at a commit in the catalog, or read from the listing. */
  exact: boolean;
  /** Who vouches for `sha256`, when there is one. */
  hashFrom: 'catalog' | 'hub' | null;
  /** The hub's git blob sha1 of a plain (non-LFS) file. */
  gitOid: string | null;
};

export interface HubPlan {
  files: PlannedFile[];
  /** What the listing changed or added, for the user. */
  notes: string[];
  /** Repo → the commit its listing was read at: every file of it is fetched at that commit. */
  commits: Map<string, string>;
}

export const listingKey = (f: Pick<CatalogFile, 'repo' | 'revision'>) => `${f.repo}@${f.revision}`;
const posixDir = (p: string) => path.posix.dirname(p);
/** Files that are never a model's tensors, even when they sit next to it. */
const NOT_TENSORS = /(^\.|\.(md|json|txt|py|ya?ml|onnx)$)/i;

export function fromCatalog(file: CatalogFile): PlannedFile {
  // At a commit the size is exact, unless the catalog's evidence note says it is not public (an estimate).
  const exact = Boolean(file.sha256) || (/^[0-9a-f]{40}$/.test(file.revision) && !file.evidence);
  return { ...file, exact, hashFrom: file.sha256 ? 'catalog' : null, gitOid: null };
}

/** The catalog's files checked against the listings (keyed by listingKey); packs without one stay as the catalog says. */
export function checkListing(pack: CatalogPack, listings: ReadonlyMap<string, RepoListing>): HubPlan {
  const notes: string[] = [];
  const models = pack.files.filter(
    (f) => !f.extract && f.path.endsWith('.onnx') && posixDir(f.source) !== '.' && Object.values(pack.roles).includes(f.path),
  );
  const isDataOf = (f: CatalogFile, m: CatalogFile) =>
    f !== m && f.repo === m.repo && !NOT_TENSORS.test(path.posix.basename(f.source)) && posixDir(f.source) === posixDir(m.source);
  const files: PlannedFile[] = [];
  for (const file of pack.files) {
    const listing = listings.get(listingKey(file));
    if (!listing) {
      files.push(fromCatalog(file));
      continue;
    }
    if (models.some((m) => listings.has(listingKey(m)) && isDataOf(file, m))) continue; // taken with its model below
    files.push(checked(file, listing));
    const model = models.find((m) => m === file);
    if (model)
      files.push(
        ...externalData(
          pack,
          model,
          listing,
          pack.files.filter((f) => isDataOf(f, model)),
          notes,
        ),
      );
  }
  return { files, notes, commits: new Map([...listings.values()].map((l) => [l.repo, l.commit])) };
}

function checked(file: CatalogFile, listing: RepoListing): PlannedFile {
  const at = `the hub's listing of ${listing.repo} at commit ${listing.commit}`;
  const entry = listing.files.get(file.source);
  if (!entry)
    throw new AnyfillError(
      'NOT_FOUND',
      `${file.path} is not in ${at} (looked for ${file.source}); the catalog may be out of date. Nothing was downloaded.`,
    );
  if (file.sha256 && entry.sha256 && file.sha256 !== entry.sha256) {
    throw new AnyfillError(
      'INTEGRITY',
      `${file.path}: ${at} gives sha256 ${entry.sha256}, the catalog pins ${file.sha256}; the catalog may be out of date. Nothing was downloaded.`,
    );
  }
  if (fromCatalog(file).exact && file.bytes !== entry.size) {
    throw new AnyfillError(
      'INTEGRITY',
      `${file.path}: ${at} gives ${entry.size} bytes, the catalog ${file.bytes}; the catalog may be out of date. Nothing was downloaded.`,
    );
  }
  return {
    ...file,
    revision: listing.commit,
    bytes: entry.size,
    sha256: file.sha256 ?? entry.sha256,
    exact: true,
    hashFrom: file.sha256 ? 'catalog' : entry.sha256 ? 'hub' : null,
    gitOid: entry.gitOid,
  };
}

/** Whatever the listing holds next to a model in its own folder is its external data. */
function externalData(
  pack: CatalogPack,
  model: CatalogFile,
  listing: RepoListing,
  expected: CatalogFile[],
  notes: string[],
): PlannedFile[] {
  const dir = posixDir(model.source);
  const at = `the hub's listing of ${listing.repo} at commit ${listing.commit}`;
  const taken = new Set(pack.files.filter((f) => f.repo === model.repo).map((f) => f.source));
  const beside = [...listing.files.values()].filter((f) => posixDir(f.path) === dir && f.path !== model.source);
  const otherModels = beside.filter((f) => f.path.endsWith('.onnx') && !taken.has(f.path));
  // <model>.onnx_data / .onnx.data / .data belong to that model (transformers.js and onnx's own naming).
  const namedFor = (f: ListedFile, model: string) => [`${model}_data`, `${model}.data`, `${model.slice(0, -5)}.data`].includes(f.path);
  const named = (f: ListedFile) => otherModels.some((o) => namedFor(f, o.path));
  const data = beside.filter(
    (f) => !NOT_TENSORS.test(path.posix.basename(f.path)) && !named(f) && (!taken.has(f.path) || expected.some((e) => e.source === f.path)),
  );
  if (data.some((f) => !namedFor(f, model.source)) && otherModels.length > 0) {
    throw new AnyfillError(
      'INTEGRITY',
      `${at} holds another model file, ${otherModels[0]!.path}, next to ${model.source} and its ${data.length} external-data file(s): Anyfill cannot tell which model they belong to. Nothing was downloaded.`,
    );
  }
  const missing = expected.filter((e) => !listing.files.has(e.source));
  if (missing.length > 0 && data.length === 0) {
    throw new AnyfillError(
      'NOT_FOUND',
      `${missing[0]!.path} is not in ${at}, and nothing else lies next to ${model.source}; the catalog may be out of date. Nothing was downloaded.`,
    );
  }
  const unexpected = data.filter((d) => !expected.some((e) => e.source === d.path));
  if (unexpected.length > 0) {
    const instead = missing.length > 0 ? ` instead of ${missing.map((m) => m.path).join(', ')}` : '';
    const names = unexpected
      .slice(0, 3)
      .map((d) => path.posix.basename(d.path))
      .join(', ');
    notes.push(
      `${model.path}: ${at} holds ${unexpected.length} external-data file(s) the catalog does not list${instead} (${names}${unexpected.length > 3 ? ', …' : ''}); they are downloaded with it.`,
    );
  }
  const packDir = posixDir(model.path);
  return data.map((d) => {
    const to = packDir === '.' ? path.posix.basename(d.path) : `${packDir}/${path.posix.basename(d.path)}`;
    if (!PackPathSchema.safeParse(to).success)
      throw new AnyfillError(
        'UNSUPPORTED_FORMAT',
        `${at} names an external-data file Anyfill cannot store safely (${d.path}). Nothing was downloaded.`,
      );
    const listed: CatalogFile = { path: to, repo: model.repo, revision: listing.commit, source: d.path, bytes: d.size, sha256: null };
    const pinned = expected.find((e) => e.source === d.path);
    return checked(pinned ? { ...pinned, path: to } : listed, listing);
  });
}
