import type * as PluginCore from '../../core/plugin';

/**
 * core's plugin support (the XML reader with saxes, the Oracle translator, the checks, completion)
 * is a bundle of its own (dist/plugin.js) required the first time a plugin file is read, checked
 * or completed: activation compiles none of it. The extension reaches its functions through this;
 * a static value import would load it with the extension's bundle again.
 */
export function pluginCore(): typeof PluginCore {
  return require('../../core/plugin') as typeof PluginCore;
}
