// Runs in: every process. Payloads of the project.* channels ([Note: project file], [Note: recovery]).
import { z } from 'zod';
import { AssetIdSchema, DocumentIdSchema, ExportIdSchema, StagedFileIdSchema } from '../document/ids';
import { EditorDocumentSchema } from '../document/types';
import { AssetInfoSchema, SessionFileSchema } from './payloads';

/** Proxy size for the opened assets; as image.open, default 2048. */
const maxProxySide = z.number().int().min(64).max(8192).optional();
const hostPath = z.string().min(1).max(4096);

/** allowLarge: the user agreed to a NEEDS_CONFIRMATION answer (a project needing gigabytes of memory). */
export const ProjectOpenRequestSchema = z.object({ fileId: StagedFileIdSchema, maxProxySide, allowLarge: z.boolean().optional() }).strict();
export const ProjectOpenPathRequestSchema = z.object({ path: hostPath, maxProxySide, allowLarge: z.boolean().optional() }).strict();
export const ProjectRecoverRequestSchema = z.object({ documentId: DocumentIdSchema, maxProxySide }).strict();

/** An opened project: the document with its new asset ids, and each asset's info and first proxy. */
export const ProjectOpenedSchema = z.object({
  document: EditorDocumentSchema,
  assets: z.array(z.object({ asset: AssetInfoSchema, proxy: SessionFileSchema })).max(1000),
  notices: z.array(z.string()),
});

export const ProjectSaveRequestSchema = z.object({ document: EditorDocumentSchema, name: z.string().min(1).max(260) }).strict();
/** The project written to exports/<id>.anyfill, for a download or shell.saveExport; `suggestedName` ends in .anyfill. */
export const ProjectSavedSchema = z.object({
  id: ExportIdSchema,
  file: SessionFileSchema,
  bytes: z.number().int().positive(),
  suggestedName: z.string(),
});

export const ProjectSaveToRequestSchema = z.object({ document: EditorDocumentSchema, path: hostPath }).strict();
export const ProjectSaveToResultSchema = z.object({ bytes: z.number().int().positive(), backup: z.boolean() });

export const ProjectAutosaveRequestSchema = z.object({ document: EditorDocumentSchema }).strict();
export const ProjectAutosavedSchema = z.object({ bytes: z.number().int().positive(), savedAt: z.string() });

export const RecoverableSchema = z.object({
  documentId: DocumentIdSchema,
  name: z.string(),
  savedAt: z.string(),
  bytes: z.number().int().nonnegative(),
});
export const ProjectRecoverableSchema = z.object({ projects: z.array(RecoverableSchema) });
export type ProjectOpened = z.infer<typeof ProjectOpenedSchema>;

/** The open document, after an engine or host restart: the engine reloads what it lacks from the recovery copy. */
export const ProjectReattachRequestSchema = z.object({ document: EditorDocumentSchema, maxProxySide }).strict();
/** Assets brought back under their own ids (with a fresh proxy), and those neither session nor copy holds. */
export const ProjectReattachedSchema = z.object({
  reattached: z.array(z.object({ asset: AssetInfoSchema, proxy: SessionFileSchema })).max(1000),
  missing: z.array(AssetIdSchema).max(1000),
});
