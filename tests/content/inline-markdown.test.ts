import { describe, expect, it } from 'vitest';
import { inlineMarkdown } from '../../src/lib/content/inline-markdown.ts';

describe('inlineMarkdown (exercise hints)', () => {
  it('renders code spans, strong and emphasis', () => {
    expect(inlineMarkdown('Who reads `s.events` when **verbose** is *off*?')).toBe(
      'Who reads <code>s.events</code> when <strong>verbose</strong> is <em>off</em>?',
    );
    expect(inlineMarkdown('an _unbuffered_ channel')).toBe('an <em>unbuffered</em> channel');
  });
  it('leaves Go inside code spans alone', () => {
    expect(inlineMarkdown('`_ = a*b*c` and `x_y_z`')).toBe('<code>_ = a*b*c</code> and <code>x_y_z</code>');
    expect(inlineMarkdown('snake_case_name stays')).toBe('snake_case_name stays');
  });
  it('escapes markup everywhere', () => {
    expect(inlineMarkdown('<img src=x onerror=alert(1)> `<-ch`')).toBe('&#60;img src=x onerror=alert(1)&#62; <code>&#60;-ch</code>');
  });
});
