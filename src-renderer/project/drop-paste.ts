// Runs in: renderer. Drag-and-drop onto the window opens a photo; pasting an image adds it as a layer
// (or opens it when no document is open).
import { getState } from '../core/state/editor-store';
import { showError } from '../core/state/messages';
import { openFile } from './open-image';
import { namingFile } from './file-message';
import { isProjectName } from './open-project';

const IMAGE_NAME = /\.(jpe?g|png|gif|webp|bmp|tiff?|avif|heic|heif)$/i;

export const looksLikeImage = (f: File): boolean => f.type.startsWith('image/') || IMAGE_NAME.test(f.name);

/** The first image among the files, else a project, else the first file (the engine then explains what is wrong with it). */
export function chooseFile(files: readonly File[]): File | undefined {
  return files.find(looksLikeImage) ?? files.find((f) => isProjectName(f.name)) ?? files[0];
}

const hasFiles = (dt: DataTransfer | null): boolean => !!dt && Array.from(dt.types).includes('Files');

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['range', 'checkbox', 'radio', 'button', 'file'].includes(target.type);
}

function filesOf(dt: DataTransfer | null): File[] {
  if (!dt) return [];
  if (dt.files.length) return Array.from(dt.files);
  // Some sources expose clipboard images only as items.
  return Array.from(dt.items)
    .filter((i) => i.kind === 'file')
    .map((i) => i.getAsFile())
    .filter((f): f is File => f !== null);
}

/** Window listeners; `onDragging` drives the drop overlay. Returns the cleanup. */
export function installDropAndPaste(onDragging: (dragging: boolean) => void): () => void {
  let depth = 0; // dragenter/leave fire for every child element crossed
  const enter = (e: DragEvent) => {
    if (!hasFiles(e.dataTransfer)) return;
    e.preventDefault();
    if (depth++ === 0) onDragging(true);
  };
  const over = (e: DragEvent) => {
    if (!hasFiles(e.dataTransfer)) return;
    e.preventDefault(); // without this the browser navigates to the dropped file
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  };
  const leave = (e: DragEvent) => {
    if (!hasFiles(e.dataTransfer)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) onDragging(false);
  };
  const drop = (e: DragEvent) => {
    depth = 0;
    onDragging(false);
    if (!hasFiles(e.dataTransfer)) return;
    e.preventDefault();
    const file = chooseFile(filesOf(e.dataTransfer));
    if (file) void openFile(file, 'document');
  };
  const paste = (e: ClipboardEvent) => {
    const files = filesOf(e.clipboardData);
    if (files.length === 0 || isTextField(e.target)) return;
    e.preventDefault();
    const file = files.find(looksLikeImage);
    if (!file) return void showError(namingFile(files[0]?.name, 'The clipboard holds a file that is not an image.'));
    void openFile(file, getState().document ? 'layer' : 'document');
  };
  window.addEventListener('dragenter', enter);
  window.addEventListener('dragover', over);
  window.addEventListener('dragleave', leave);
  window.addEventListener('drop', drop);
  window.addEventListener('paste', paste);
  return () => {
    window.removeEventListener('dragenter', enter);
    window.removeEventListener('dragover', over);
    window.removeEventListener('dragleave', leave);
    window.removeEventListener('drop', drop);
    window.removeEventListener('paste', paste);
  };
}
