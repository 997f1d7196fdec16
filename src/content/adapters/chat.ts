/**
 * Puts text into a call site's chat box as if typed, so the site's framework notices it and
 * enables its Send button. The sharer still presses Send.
 */
export function fillChatInput(input: HTMLElement, text: string): void {
  input.focus();
  if (input instanceof HTMLTextAreaElement || input instanceof HTMLInputElement) {
    const current = input.value.trimEnd();
    const next = current ? `${current} ${text}` : text;
    // React tracks `value` through its own property on the element: the prototype's setter goes
    // around it, so the `input` event below is seen as a change.
    const prototype =
      input instanceof HTMLTextAreaElement
        ? HTMLTextAreaElement.prototype
        : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(input, next);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return;
  }
  // Rich editors (CKEditor, ProseMirror, Lexical) handle `insertText` through their own
  // beforeinput/input path; a plain contenteditable gets the text and an `input` event.
  const selection = getSelection();
  selection?.selectAllChildren(input);
  selection?.collapseToEnd();
  const spaced = input.textContent?.trim() ? ` ${text}` : text;
  // Deprecated, yet the one way to type into a rich editor as a user would.
  const typed = document.execCommand('insertText', false, spaced);
  if (!typed) {
    input.append(spaced);
    input.dispatchEvent(
      new InputEvent('input', { bubbles: true, inputType: 'insertText', data: spaced }),
    );
  }
}
