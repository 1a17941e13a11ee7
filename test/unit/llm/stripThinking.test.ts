import { describe, expect, it } from 'vitest';
import { stripThinking } from '../../../electron/core/llm/thinking/stripThinking';

describe('stripThinking', () => {
  it('removes a closed think block and keeps it apart', () => {
    expect(stripThinking('<think>\nsome reasoning\n</think>\n\nAnswer: 4')).toEqual({ text: 'Answer: 4', thinking: 'some reasoning' });
  });

  it('keeps a reply without thinking as is (trimmed), with no thinking field', () => {
    expect(stripThinking('  Answer: 4 \n')).toEqual({ text: 'Answer: 4' });
  });

  it('treats text before a lone closing tag as thinking (opening tag eaten by the chat template)', () => {
    expect(stripThinking('reasoning here</think>The answer is 5.')).toEqual({ text: 'The answer is 5.', thinking: 'reasoning here' });
  });

  it('treats an unclosed leading think as all thinking (cut off while thinking)', () => {
    expect(stripThinking('<think>I was still thinking when the tokens ran out')).toEqual({ text: '', thinking: 'I was still thinking when the tokens ran out' });
  });

  it('handles several blocks and an empty block', () => {
    const result = stripThinking('<think></think>A<think>x</think>B');
    expect(result).toEqual({ text: 'AB', thinking: 'x' });
  });

  it('is case-insensitive on the tags', () => {
    expect(stripThinking('<THINK>r</THINK>ok').text).toBe('ok');
  });
});
