import * as vscode from 'vscode';
import type { Services } from '../services';
import { rangeOf } from '../util/positions';

const selector: vscode.DocumentSelector = { language: 'psreq' };

/** The Outline, breadcrumbs and Go to Symbol show one entry per request; each request folds. */
export function registerPsreqOutline({ psreq: parsed }: Services): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerDocumentSymbolProvider(selector, {
      provideDocumentSymbols(document) {
        return parsed.get(document).requests.map((request) => {
          const label = request.title?.text ?? request.name ?? `${request.method.text} ${request.url.path || request.url.text}`;
          const symbol = new vscode.DocumentSymbol(
            label,
            `${request.method.text} ${request.url.path}`,
            request.method.text === 'GET' ? vscode.SymbolKind.Function : vscode.SymbolKind.Method,
            rangeOf(document, request.span.start, request.span.end),
            rangeOf(document, request.requestLineSpan.start, request.requestLineSpan.end),
          );
          return symbol;
        });
      },
    }, { label: 'PowerSchool requests' }),
    vscode.languages.registerFoldingRangeProvider(selector, {
      provideFoldingRanges(document) {
        return parsed.get(document).requests.flatMap((request) => {
          const start = document.positionAt(request.span.start).line;
          let end = document.positionAt(request.span.end).line;
          while (end > start && document.lineAt(end).isEmptyOrWhitespace) end--;
          return end > start ? [new vscode.FoldingRange(start, end, vscode.FoldingRangeKind.Region)] : [];
        });
      },
    }),
  );
}
