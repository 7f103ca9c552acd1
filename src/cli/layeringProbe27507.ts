import type * as vscode from 'vscode';
import { activate } from '../extension/extension';
import { startSandbox } from '../sandbox';
import { parseQ } from '../core/q';
export const probe: unknown[] = [activate, startSandbox, parseQ] satisfies unknown[] as unknown as vscode.Disposable[];
