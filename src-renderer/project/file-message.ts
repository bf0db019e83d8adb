// Runs in: renderer (pure). Messages about a file say which file: several are opened, dropped or pasted
// in a row, and "not an image" alone does not tell the user which one to look at.

/** `message` led by the file's name (unless it already names it); unchanged without a name. */
export function namingFile(name: string | undefined, message: string): string {
  const n = name?.trim().slice(0, 120);
  return n && !message.includes(n) ? `${n}: ${message}` : message;
}
