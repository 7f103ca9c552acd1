import * as vscode from 'vscode';
import { searchCatalog, type SearchItem } from '../../core/catalog';

interface FindItem extends vscode.QuickPickItem {
  readonly target: SearchItem;
}

const maxShown = 200;

function itemsFor(candidates: readonly SearchItem[], value: string): FindItem[] {
  return searchCatalog(candidates, value, maxShown).map(({ item }) => ({
    label: `$(${item.kind === 'table' ? 'table' : 'symbol-method'}) ${item.name}`,
    description: item.kind === 'table' ? 'table' : 'PowerQuery',
    detail: item.detail,
    // Our fuzzy ranking decides what shows; the quick pick's own filter must not hide it.
    alwaysShow: true,
    target: item,
  }));
}

/** A quick pick over tables and PowerQueries, ranked by our fuzzy match as the user types. */
export async function pickTableOrQuery(connection: string, load: () => Thenable<SearchItem[]>): Promise<SearchItem | undefined> {
  const pick = vscode.window.createQuickPick<FindItem>();
  pick.title = `Find table or PowerQuery — ${connection}`;
  pick.placeholder = 'Type part of a name: "stusch", "guardian detail"…';
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  pick.busy = true;
  pick.show();
  try {
    const chosen = new Promise<SearchItem | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0]?.target ?? pick.activeItems[0]?.target));
      pick.onDidHide(() => resolve(undefined));
    });
    const loading = Promise.resolve(load()).then(
      (candidates) => {
        pick.busy = false;
        pick.items = itemsFor(candidates, pick.value);
        pick.onDidChangeValue((value) => (pick.items = itemsFor(candidates, value)));
      },
      (error: unknown) => {
        pick.hide();
        throw error;
      },
    );
    const [result] = await Promise.all([chosen, loading]);
    return result;
  } finally {
    pick.dispose();
  }
}
