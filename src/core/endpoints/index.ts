// Matching request paths against endpoint templates (`/ws/v1/school/{id}/student`). Never imports vscode.
export { bestTemplateMatch, compilePathTemplate, matchPathTemplate, pathSegments, placeholderName, type CompiledTemplate, type TemplateMatch } from './pathTemplate';
