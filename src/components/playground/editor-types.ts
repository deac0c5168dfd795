/**
 * The editor layer behind a tiny interface, so the lesson widget can use Monaco on desktops, a
 * plain textarea on touch screens, and whatever the embed pages need later, interchangeably.
 */

export interface EditorProblem {
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface CodeEditor {
  getValue(): string;
  /** Replaces the whole text as one undoable edit where the editor supports undo. */
  setValue(code: string): void;
  focus(): void;
  /** The learner means to edit (clicked the code, asked for the editor): Tab indents from now on. */
  startEditing?(): void;
  /** Inserts text at the cursor as if typed (keys pressed while the editor loaded). */
  type(text: string): void;
  /** Highlights these 1-based lines for a moment (what loading the solution changed). */
  markLines?(lines: number[]): void;
  /** The element that receives typing (for tests and focus checks). */
  input?(): HTMLElement | null;
  /** Scrolls a 1-based line into the editor's view and puts the cursor there, leaving the focus where it is. */
  showLine?(line: number): void;
  /** Moves the cursor to a 1-based line (and column) and scrolls it into view. */
  revealLine(line: number, column?: number): void;
  setProblems(problems: EditorProblem[]): void;
  onChange(listener: (code: string) => void): void;
  dispose(): void;
}

export interface EditorHost {
  /** Element the editor fills; it already has the final height, so the swap does not move the page. */
  container: HTMLElement;
  code: string;
  /** Accessible name of the editing surface. */
  label: string;
  /** Called on Shift+Enter and Ctrl/Cmd+Enter. */
  onRun(): void;
  /** Called with true while the editor has the focus and Tab moves the focus on (not editing yet). */
  onTabModeChange?(tabMovesFocus: boolean): void;
  /** Font, size and line height measured from the static rendering the editor replaces. */
  metrics: EditorMetrics;
}

export interface EditorMetrics {
  fontFamily: string;
  fontSize: number;
  lineHeight: number;
  paddingTop: number;
  paddingBottom: number;
}

export type EditorFactory = (host: EditorHost) => Promise<CodeEditor>;
