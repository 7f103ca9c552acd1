// What belongs in a plugin zip: plugin.xml and PowerSchool's four folders, without version-control
// folders, editor backups and operating-system junk.

const pluginFolders = ['permissions_root/', 'queries_root/', 'user_schema_root/', 'web_root/'];
const junkSegment = /^(\.git|\.svn|\.hg|\.vscode|\.idea|node_modules|__MACOSX|\.DS_Store|Thumbs\.db|desktop\.ini|\._.*|\.#.*|#.*#|.*~|.*\.(bak|orig|swp|swo|tmp))$/i;

/** Whether a plugin-relative path (with `/`) goes into the plugin zip. */
export function isPackagedPath(path: string): boolean {
  if (path === 'plugin.xml') return true;
  if (!pluginFolders.some((folder) => path.startsWith(folder))) return false;
  return !path.split('/').some((segment) => junkSegment.test(segment));
}

/** Whether a folder (plugin-relative, no trailing `/`) can hold packaged files, so a walk need not enter the others. */
export function mayHoldPackagedFiles(folder: string): boolean {
  const [top] = folder.split('/');
  return pluginFolders.includes(`${top}/`) && !folder.split('/').some((segment) => junkSegment.test(segment));
}
