/** A modal's submitted values, as Slack sends them (block id → action id → value). */
export type ViewState = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_time?: string | null;
      selected_options?: Array<{ value: string }>;
      selected_option?: { value: string } | null;
    }
  >
>;

/** A modal's private_metadata (JSON we wrote); anything unreadable is an empty object. */
export function viewMetadata<T extends object>(raw: string | undefined): Partial<T> {
  try {
    const parsed: unknown = JSON.parse(raw ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Partial<T>) : {};
  } catch {
    return {};
  }
}
