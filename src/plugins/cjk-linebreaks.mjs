// Chinese lessons are wrapped at ~100 columns for review, but a newline inside a paragraph renders
// as a space, and Chinese puts no spaces between characters. This joins a wrapped line onto the
// previous one when both sides of the break are CJK characters or CJK punctuation; a break next to
// Latin text stays a space, as Chinese typesetting wants around words like `goroutine`.
// Astro 7's default Markdown processor (Sätteri) takes no remark plugins, so this runs as a Vite
// transform on the MDX source, before MDX parses it. Fenced code and frontmatter are left alone.
const CJK = '\\u2e80-\\u2fff\\u3000-\\u303f\\u3040-\\u9fff\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef';
const ENDS_CJK = new RegExp(`[${CJK}][*_]*$`);
const STARTS_CJK = new RegExp(`^[ \\t]*[*_]*[${CJK}]`);

export function joinCjkLines(source) {
  const lines = source.split('\n');
  const out = [];
  let fence = null;
  let frontmatter = lines[0] === '---';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (frontmatter) {
      out.push(line);
      if (i > 0 && line === '---') frontmatter = false;
      continue;
    }
    const marker = /^\s*(```+|~~~+)/.exec(line);
    if (marker) {
      if (!fence) fence = marker[1][0];
      else if (marker[1][0] === fence) fence = null;
      out.push(line);
      continue;
    }
    const prev = out.length ? out[out.length - 1] : '';
    if (!fence && out.length && ENDS_CJK.test(prev.trimEnd()) && STARTS_CJK.test(line)) {
      out[out.length - 1] = prev.trimEnd() + line.trimStart();
    } else {
      out.push(line);
    }
  }
  return out.join('\n');
}

/** Vite plugin: applies joinCjkLines to Chinese MDX lessons. */
export default function cjkLinebreaks() {
  return {
    name: 'leaklab:cjk-linebreaks',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]zh-cn[\\/].*\.mdx($|\?)/.test(id)) return null;
      return { code: joinCjkLines(code), map: null };
    },
  };
}
