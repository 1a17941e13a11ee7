/** A chat message as the engine assembles it (the gateway's ChatMessage has the same shape). */
export interface ChatMessageShape {
  role: 'system' | 'user' | 'assistant';
  content: string;
}
