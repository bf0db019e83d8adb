// Runs in: engine process (and the CLI). The CLIP tokenizer of an installed SD pack: its tokenizer.json when
// the pack has one (Optimum, transformers.js exports), else built from tokenizer/vocab.json + merges.txt
// (the diffusers ONNX layout). Built once per installed pack.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AnyfillError } from '../../../../src-shared/contract/errors';
import type { PackManifest } from '../../../../src-shared/models/catalog-schema';
import { resolvePackFile } from '../../models/pack-files';
import { damagedModel, missingFile } from '../../runtime/model-errors';
import { clipTokenizer, clipTokenizerJson, type ClipTokenizer } from './clip-tokenizer';

const cache = new Map<string, Promise<ClipTokenizer>>();

export async function loadClipTokenizer(modelsDir: string, manifest: PackManifest): Promise<ClipTokenizer> {
  if (!manifest.roles.tokenizerVocab) {
    throw new AnyfillError(
      'NOT_FOUND',
      `Model pack "${manifest.packId}" has no tokenizer (tokenizer/vocab.json): download or import it again.`,
    );
  }
  const vocabFile = resolvePackFile(modelsDir, manifest, 'tokenizerVocab');
  const key = `${vocabFile}\n${manifest.installedAt}`;
  let loading = cache.get(key);
  if (!loading) {
    loading = readClip(modelsDir, manifest, vocabFile);
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
  }
  return await loading;
}

async function readClip(modelsDir: string, manifest: PackManifest, vocabFile: string): Promise<ClipTokenizer> {
  const label = `Stable Diffusion (${manifest.packId})`;
  const dir = path.dirname(vocabFile);
  const full = path.join(dir, 'tokenizer.json');
  const configFile = path.join(dir, 'tokenizer_config.json');
  const mergesFile = manifest.roles.tokenizerMerges
    ? resolvePackFile(modelsDir, manifest, 'tokenizerMerges')
    : path.join(dir, 'merges.txt');
  try {
    const config = existsSync(configFile) ? (JSON.parse(await readFile(configFile, 'utf8')) as Record<string, unknown>) : {};
    // Only the settings that do not change tokenisation: AddedToken objects there are for Python.
    const settings = { model_max_length: config.model_max_length, do_lower_case: config.do_lower_case };
    if (existsSync(full)) return clipTokenizer(JSON.parse(await readFile(full, 'utf8')) as object, settings, 'tokenizer.json');
    if (!existsSync(mergesFile)) throw missingFile(label, mergesFile);
    const vocab = JSON.parse(await readFile(vocabFile, 'utf8')) as Record<string, number>;
    return clipTokenizer(clipTokenizerJson(vocab, await readFile(mergesFile, 'utf8')), settings, 'tokenizer/vocab.json');
  } catch (err) {
    if (err instanceof AnyfillError) throw err;
    throw damagedModel(label, vocabFile, 'the tokenizer files cannot be read', err instanceof Error ? err.message : String(err));
  }
}
