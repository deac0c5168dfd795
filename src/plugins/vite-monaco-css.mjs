// @ts-check
/**
 * Vite plugin: Monaco's ESM modules import ~100 CSS files. Astro links the CSS of every module a
 * page's scripts can reach, dynamic imports included, so those 90 KB would block every lesson.
 * This turns each of those imports into a tiny module that injects the same CSS as a <style>
 * when Monaco itself is evaluated, i.e. only after the editor has been asked for.
 */
const PREFIX = '\0leaklab-monaco-css:';

/** @returns {import('vite').Plugin} */
export function monacoCssOnDemand() {
  return {
    name: 'leaklab:monaco-css-on-demand',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.endsWith('.css') || !/[\\/]monaco-editor[\\/]esm[\\/]/.test(importer)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      // The id must not end in .css, or Vite would process this JavaScript as a stylesheet.
      return resolved ? `${PREFIX}${resolved.id}.js` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -'.js'.length);
      return [
        `import css from ${JSON.stringify(`${file}?inline`)};`,
        `if (typeof document !== 'undefined') {`,
        `  const style = document.createElement('style');`,
        `  style.dataset.monaco = '';`,
        `  style.textContent = css;`,
        `  document.head.append(style);`,
        `}`,
      ].join('\n');
    },
  };
}
