import { describe, expect, it } from 'vitest';
import { stripThinking } from '../../../shared/prompts/stripThinking';

describe('stripThinking', () => {
  it('removes a closed think block and keeps it apart', () => {
    expect(stripThinking('<think>\nsome reasoning\n</think>\n\nAnswer: 4')).toEqual({ text: 'Answer: 4', thinking: 'some reasoning' });
  });

  it('keeps a reply without thinking as is (trimmed), with no thinking field', () => {
    expect(stripThinking('  Answer: 4 \n')).toEqual({ text: 'Answer: 4' });
  });

  it('removes closed blocks anywhere, whatever the case of the tags', () => {
    expect(stripThinking('a<think>x</think>b<THINK>y</THINK>c')).toEqual({ text: 'abc', thinking: 'x\n\ny' });
    expect(stripThinking('<think></think>A<think>x</think>B')).toEqual({ text: 'AB', thinking: 'x' });
  });

  it('treats text before a lone closing tag as thinking (opening tag eaten by the chat template)', () => {
    expect(stripThinking('reasoning here</think>The answer is 5.')).toEqual({ text: 'The answer is 5.', thinking: 'reasoning here' });
    expect(stripThinking('drop</think>keep').text).toBe('keep');
  });

  it('cuts at the LAST lone closing tag, so no reasoning is left in the answer', () => {
    expect(stripThinking('first</think>Answer: 99 maybe</THINK>Answer: 42')).toEqual({ text: 'Answer: 42', thinking: 'firstAnswer: 99 maybe' });
  });

  it('treats an unclosed leading think as all thinking (cut off while thinking)', () => {
    expect(stripThinking('<think>I was still thinking when the tokens ran out')).toEqual({ text: '', thinking: 'I was still thinking when the tokens ran out' });
  });

  it('keeps the answer before a stray unclosed think and moves the tail to thinking', () => {
    expect(stripThinking('keep<think>drop')).toEqual({ text: 'keep', thinking: 'drop' });
    expect(stripThinking('Answer: 42\n<think>hmm, or Answer: 99')).toEqual({ text: 'Answer: 42', thinking: 'hmm, or Answer: 99' });
  });

  it('never leaves a think tag in the text', () => {
    for (const reply of ['<think>a<think>b</think>c', 'x</think>y<think>z', '<THINK>only']) {
      expect(stripThinking(reply).text).not.toMatch(/<\/?think>/i);
    }
  });
});
