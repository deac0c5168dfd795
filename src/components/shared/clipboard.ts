/**
 * The one way the site copies text. navigator.clipboard exists only on secure origins and can be
 * refused (an iframe without `allow="clipboard-write"`, a denied permission), yet a workshop served
 * over plain http on a LAN still needs Copy, so the selection-based command is the fallback.
 * Resolves to whether the text reached the clipboard; on false the caller shows the text for Ctrl+C.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    // Optional call: on an insecure origin navigator.clipboard is undefined, which is a fallback, not an error.
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused: try the fallback below.
  }
  return legacyCopy(text);
}

function legacyCopy(text: string): boolean {
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.style.cssText = 'position:fixed;top:0;left:0;opacity:0;pointer-events:none';
  document.body.append(area);
  area.select();
  try {
    // Deprecated but the only clipboard access an insecure origin has; it needs a user gesture.
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    // Selecting the textarea took the focus; keyboard users stay where they were.
    previous?.focus();
  }
}
