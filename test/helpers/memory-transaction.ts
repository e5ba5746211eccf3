/**
 * Transactions for the in-memory twins: one at a time (others wait their turn), nested calls join the outer
 * one, and a throw puts every row back as `snapshot` saw it.
 */
export function memoryTransactions<S>(snapshot: () => S, restore: (saved: S) => void) {
  let inTransaction = false;
  let turn: Promise<void> | null = null;
  return async function transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (inTransaction) return fn();
    while (turn) await turn;
    let done!: () => void;
    turn = new Promise<void>((resolve) => {
      done = resolve;
    });
    const saved = snapshot();
    inTransaction = true;
    try {
      return await fn();
    } catch (error) {
      restore(saved);
      throw error;
    } finally {
      inTransaction = false;
      turn = null;
      done();
    }
  };
}
