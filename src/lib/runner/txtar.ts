/**
 * txtar archives, parsed and formatted the way golang.org/x/tools/txtar does, plus the Playground's
 * rules for turning one into a program: text before the first `-- name --` marker is prog.go
 * (only when it is not blank), at most 20 files, safe relative names, no duplicates.
 */

export interface TxtarFile {
  name: string;
  data: string;
}

export interface TxtarArchive {
  comment: string;
  files: TxtarFile[];
}

/** The name the Playground gives to the text before the first marker. */
export const PROG_NAME = 'prog.go';
export const MAX_FILES = 20;
const MAX_NAME_LENGTH = 200;

export class TxtarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TxtarError';
  }
}

function fixNL(data: string): string {
  return data === '' || data.endsWith('\n') ? data : data + '\n';
}

/** Returns the file name if `text` (from `at`) starts with a marker line, and where the data after it begins. */
function markerAt(text: string, at: number): { name: string; after: number } | null {
  if (!text.startsWith('-- ', at)) return null;
  const nl = text.indexOf('\n', at);
  let line = nl < 0 ? text.slice(at) : text.slice(at, nl);
  // Archives edited on Windows keep their CR; x/tools would miss such a marker, but a learner would not.
  if (line.endsWith('\r')) line = line.slice(0, -1);
  if (!line.endsWith(' --') || line.length < 6) return null;
  const name = line.slice(3, -3).trim();
  if (name === '') return null;
  return { name, after: nl < 0 ? text.length : nl + 1 };
}

function findMarker(text: string, from: number): { before: string; name: string; after: number } {
  let i = from;
  for (;;) {
    const m = markerAt(text, i);
    if (m) return { before: text.slice(from, i), name: m.name, after: m.after };
    const j = text.indexOf('\n-- ', i);
    if (j < 0) return { before: fixNL(text.slice(from)), name: '', after: text.length };
    i = j + 1;
  }
}

export function parseTxtar(text: string): TxtarArchive {
  const first = findMarker(text, 0);
  const archive: TxtarArchive = { comment: first.before, files: [] };
  let name = first.name;
  let pos = first.after;
  while (name !== '') {
    const next = findMarker(text, pos);
    archive.files.push({ name, data: next.before });
    name = next.name;
    pos = next.after;
  }
  return archive;
}

export function formatTxtar(archive: TxtarArchive): string {
  let out = fixNL(archive.comment);
  for (const f of archive.files) out += `-- ${f.name} --\n` + fixNL(f.data);
  return out;
}

function checkName(name: string): void {
  if (name.length > MAX_NAME_LENGTH) throw new TxtarError(`file name too long (${name.length} characters, limit ${MAX_NAME_LENGTH})`);
  if (/[\0\\:]/.test(name) || /[\u0000-\u001f]/.test(name)) throw new TxtarError(`invalid file name ${JSON.stringify(name)}`);
  if (name.startsWith('/')) throw new TxtarError(`invalid file name ${JSON.stringify(name)}: must be a relative path`);
  for (const part of name.split('/')) {
    if (part === '' || part === '.' || part === '..') {
      throw new TxtarError(`invalid file name ${JSON.stringify(name)}: empty, "." and ".." path elements are not allowed`);
    }
  }
}

/**
 * Splits a Playground source (plain Go or txtar) into files, validating them like the Playground.
 * Throws TxtarError with a message fit to show the learner.
 */
export function splitFiles(src: string): TxtarFile[] {
  const archive = parseTxtar(src);
  const files: TxtarFile[] = [];
  if (archive.comment.trim() !== '') files.push({ name: PROG_NAME, data: archive.comment });
  const total = files.length + archive.files.length;
  if (total > MAX_FILES) throw new TxtarError(`too many files in txtar archive (${total} exceeds limit of ${MAX_FILES})`);
  if (total === 0) throw new TxtarError('no files in the program');
  const seen = new Set(files.map((f) => f.name));
  for (const f of archive.files) {
    checkName(f.name);
    if (seen.has(f.name)) throw new TxtarError(`duplicate file name ${JSON.stringify(f.name)}`);
    seen.add(f.name);
    files.push(f);
  }
  // `a` and `a/b.go` cannot both be written: one name would be a file and a directory at once.
  for (const f of files) {
    const parts = f.name.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (seen.has(dir)) throw new TxtarError(`${JSON.stringify(dir)} is both a file and a directory in the archive`);
    }
  }
  return files;
}

/** Inverse of splitFiles: a lone prog.go stays plain Go, anything else becomes a txtar. */
export function joinFiles(files: TxtarFile[]): string {
  if (files.length === 1 && files[0].name === PROG_NAME) return files[0].data;
  const prog = files.find((f) => f.name === PROG_NAME);
  return formatTxtar({
    comment: prog ? prog.data : '',
    files: files.filter((f) => f !== prog),
  });
}
