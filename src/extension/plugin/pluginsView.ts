import * as vscode from 'vscode';
import type { PluginFinding, SourceRange } from '../../core/plugin';
import type { PluginDiagnostics } from './pluginDiagnostics';
import type { PluginFolders } from './pluginFolders';
import type { EditorPlugin, PluginModels } from './pluginModels';

export const pluginsViewId = 'powerschool.plugins';

export type PluginSection = 'queries' | 'grants' | 'mappings' | 'extensions';

const sections: readonly PluginSection[] = ['queries', 'grants', 'mappings', 'extensions'];
const sectionLabels: Readonly<Record<PluginSection, string>> = { queries: 'Queries', grants: 'Grants', mappings: 'Permission mappings', extensions: 'Extension tables' };
const sectionIcons: Readonly<Record<PluginSection, string>> = { queries: 'symbol-method', grants: 'key', mappings: 'shield', extensions: 'table' };

interface Base {
  readonly id: string;
  readonly folder: vscode.Uri;
}

export interface PluginNode extends Base { readonly kind: 'plugin' }
export interface SectionNode extends Base { readonly kind: 'section'; readonly section: PluginSection }
/** A query, grant, mapping or extension table: a row that opens where it is written. */
export interface EntryNode extends Base {
  readonly kind: 'entry';
  readonly section: PluginSection;
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly at: SourceRange;
  readonly problems: readonly PluginFinding[];
}
export interface MessageNode extends Base { readonly kind: 'message'; readonly message: string }

export type PluginsNode = PluginNode | SectionNode | EntryNode | MessageNode;

function countText(findings: readonly PluginFinding[]): string | undefined {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  const parts = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}

function problemIcon(findings: readonly PluginFinding[] | undefined, otherwise: string): vscode.ThemeIcon {
  if (findings?.some((finding) => finding.severity === 'error')) return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
  if (findings?.some((finding) => finding.severity === 'warning')) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  return new vscode.ThemeIcon(otherwise);
}

/** Findings inside `range` (same file). */
function within(findings: readonly PluginFinding[], range: SourceRange): PluginFinding[] {
  return findings.filter((finding) => finding.file === range.file && finding.range.start.offset >= range.start.offset && finding.range.end.offset <= range.end.offset);
}

/**
 * The Explorer section "Plugins": each workspace plugin with its problem counts, and under it its
 * queries, grants, permission mappings and extension tables, each row opening where it is
 * written. Rows come from the shared model (unsaved edits included) and the last check.
 */
export class PluginsProvider implements vscode.TreeDataProvider<PluginsNode> {
  private readonly changed = new vscode.EventEmitter<PluginsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots = new Map<string, PluginNode>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly folders: PluginFolders,
    private readonly models: PluginModels,
    private readonly diagnostics: PluginDiagnostics,
  ) {
    this.subscriptions = [
      folders.onDidChange(() => this.changed.fire(undefined)),
      // A check follows every change of a plugin's files: redraw that plugin once its findings are in.
      diagnostics.onDidUpdate((folder) => this.changed.fire(this.roots.get(folder.toString()))),
    ];
  }

  async getChildren(node?: PluginsNode): Promise<PluginsNode[]> {
    if (!node) {
      const next = new Map<string, PluginNode>();
      for (const folder of await this.folders.list()) {
        next.set(folder.toString(), this.roots.get(folder.toString()) ?? { kind: 'plugin', id: `plugin:${folder.toString()}`, folder });
      }
      this.roots = next;
      return [...next.values()];
    }
    if (node.kind === 'plugin') return sections.map((section) => ({ kind: 'section', id: `${node.id}/${section}`, folder: node.folder, section }));
    if (node.kind !== 'section') return [];
    const entries = this.entries(await this.models.get(node.folder), node);
    return entries.length ? entries : [{ kind: 'message', id: `${node.id}/none`, folder: node.folder, message: `No ${sectionLabels[node.section].toLowerCase()}` }];
  }

  getParent(node: PluginsNode): PluginsNode | undefined {
    if (node.kind === 'plugin') return undefined;
    const root = this.roots.get(node.folder.toString());
    if (node.kind === 'section' || !root) return root;
    return 'section' in node ? { kind: 'section', id: `${root.id}/${node.section}`, folder: node.folder, section: node.section } : root;
  }

  async getTreeItem(node: PluginsNode): Promise<vscode.TreeItem> {
    const item = await this.itemFor(node);
    item.id = node.id;
    item.contextValue = node.kind === 'entry' ? `plugin-${node.section}` : node.kind === 'section' ? 'plugin-section' : node.kind;
    return item;
  }

  private async itemFor(node: PluginsNode): Promise<vscode.TreeItem> {
    switch (node.kind) {
      case 'plugin': {
        const { plugin } = await this.models.get(node.folder);
        const findings = this.diagnostics.findings(node.folder);
        const folderName = node.folder.path.split('/').pop() ?? node.folder.path;
        const item = new vscode.TreeItem(plugin.manifest?.name || folderName, vscode.TreeItemCollapsibleState.Collapsed);
        const problems = findings ? countText(findings) ?? 'no problems' : 'checking…';
        item.description = [plugin.manifest?.version, problems].filter(Boolean).join(' · ');
        item.iconPath = problemIcon(findings, 'extensions');
        item.tooltip = new vscode.MarkdownString([`**${plugin.manifest?.name || folderName}** ${plugin.manifest?.version ?? ''}`, plugin.manifest?.description ?? '', `\`${node.folder.fsPath}\``, problems].filter(Boolean).join('\n\n'));
        item.resourceUri = node.folder;
        return item;
      }
      case 'section': {
        const entries = this.entries(await this.models.get(node.folder), node);
        const item = new vscode.TreeItem(sectionLabels[node.section], entries.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        const problems = countText(entries.flatMap((entry) => entry.problems));
        item.description = [String(entries.length), problems].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(sectionIcons[node.section]);
        return item;
      }
      case 'entry': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        const problems = countText(node.problems);
        item.description = [node.description, problems].filter(Boolean).join(' · ');
        item.tooltip = new vscode.MarkdownString([node.tooltip, ...node.problems.map((finding) => `- ${finding.severity}: ${finding.message}`)].join('\n\n'));
        item.iconPath = problemIcon(node.problems, sectionIcons[node.section]);
        const uri = vscode.Uri.joinPath(node.folder, ...node.at.file.split('/'));
        const selection = new vscode.Range(node.at.start.line, node.at.start.character, node.at.start.line, node.at.start.character);
        item.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { selection }] };
        return item;
      }
      case 'message':
        return new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
    }
  }

  private entries({ plugin }: EditorPlugin, node: SectionNode): EntryNode[] {
    const findings = this.diagnostics.findings(node.folder) ?? [];
    const entry = (key: string, label: string, description: string, tooltip: string, at: SourceRange): EntryNode =>
      ({ kind: 'entry', id: `${node.id}/${key}`, folder: node.folder, section: node.section, label, description, tooltip, at, problems: within(findings, at) });
    switch (node.section) {
      case 'queries':
        return plugin.queries.map((query, index) => entry(`${index}:${query.name}`, query.name || '(no name)',
          [`${query.columns.length} column${query.columns.length === 1 ? '' : 's'}`, query.args.length ? `${query.args.length} arg${query.args.length === 1 ? '' : 's'}` : '', query.flattened === false ? 'not flattened' : ''].filter(Boolean).join(' · '),
          [`**${query.name}**`, query.summary?.value ?? query.description?.value ?? '', `\`${query.file}\``].filter(Boolean).join('\n\n'), query.source.range));
      case 'grants':
        return (plugin.manifest?.grantLines ?? []).map((grant, index) => entry(`${index}`, `${grant.table ?? '?'}.${grant.field ?? '?'}`.toUpperCase(), grant.access ?? '', `\`<field table="${grant.table ?? ''}" field="${grant.field ?? ''}" access="${grant.access ?? ''}"/>\``, grant.source.range));
      case 'mappings':
        return plugin.permissionMappings.flatMap((mapping, index) => mapping.implies.map((implies, each) => entry(`${index}.${each}`, implies.queryName ?? implies.target.value, `${implies.allow} · ${mapping.page}`,
          [`**${mapping.page}**`, `${implies.allow} \`${implies.target.value}\``, `\`${mapping.file}\``].join('\n\n'), implies.source.range)));
      case 'extensions':
        return plugin.extensions.flatMap((extension) => extension.tables.map((table) => entry(`${extension.file}:${table.name}`, table.name || '(no name)',
          [`${table.fields.length} field${table.fields.length === 1 ? '' : 's'}`, table.type === 'standalone' ? 'standalone' : table.coreTable ? `extends ${table.coreTable}` : ''].filter(Boolean).join(' · '),
          [`**${table.name}**`, extension.name?.value ?? '', `\`${extension.file}\``].filter(Boolean).join('\n\n'), table.source.range)));
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
