import { describe, expect, it } from 'vitest';
import { joinCjkLines } from '../../src/plugins/cjk-linebreaks.mjs';

describe('joinCjkLines', () => {
  it('joins a wrapped line between Chinese characters and punctuation', () => {
    expect(joinCjkLines('本章把几种情形挨个过一遍：\n缺了接收方')).toBe('本章把几种情形挨个过一遍：缺了接收方');
    expect(joinCjkLines('能唤醒它的**只有\n同一个**通道')).toBe('能唤醒它的**只有同一个**通道');
    expect(joinCjkLines('- 第一项\n  续行')).toBe('- 第一项续行');
  });
  it('keeps the break next to Latin text, blank lines, code fences and frontmatter', () => {
    expect(joinCjkLines('每个\ngoroutine 都')).toBe('每个\ngoroutine 都');
    expect(joinCjkLines('段落一\n\n段落二')).toBe('段落一\n\n段落二');
    expect(joinCjkLines('```go\n// 注释\n// 注释\n```')).toBe('```go\n// 注释\n// 注释\n```');
    expect(joinCjkLines('---\ntitle: 标题\ndescription: 描述\n---\n正文')).toBe('---\ntitle: 标题\ndescription: 描述\n---\n正文');
  });
});
