// PowerSchool plugin files, read as PowerSchool reads them. Never imports vscode.
export { parseXml, localName, XmlError, type XmlElement } from './xml';
export { parsePluginXml, accessRequestLine, grantCovers, grantLookup, type FieldAccess, type FieldGrant, type PluginDefinition, type V1AccessLevel } from './pluginXml';
export { readPluginFolder, PluginFileError } from './pluginFile';
