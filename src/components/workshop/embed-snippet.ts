/**
 * The copy-paste embed for one exercise: the iframe and the few lines that size it from the
 * exercise's `resize` messages (embed.ts), accepted only from that frame and its origin. The
 * workshop page's preview is this same markup, so what the instructor sees is what they paste.
 */
export interface EmbedFrame {
  id: string;
  src: string;
  title: string;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function embedSnippet({ id, src, title }: EmbedFrame): string {
  const frameId = `leaklab-${id.replace(/[^\w-]/g, '-')}`;
  return `<iframe id="${frameId}" src="${attr(src)}" title="${attr(title)}" width="100%" height="760" style="border:0;max-width:60rem" loading="lazy" allow="clipboard-write"></iframe>
<script>
  // Fit the frame to the exercise: it posts its height whenever that changes.
  addEventListener('message', function (e) {
    var f = document.getElementById('${frameId}');
    if (!f || e.source !== f.contentWindow || e.origin !== new URL(f.src).origin) return;
    var m = e.data;
    if (m && m.source === 'leaklab' && m.detail && m.detail.height > 0) f.style.height = Math.ceil(m.detail.height) + 'px';
  });
</script>`;
}
