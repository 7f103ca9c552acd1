// Matching request paths against endpoint templates (`/ws/v1/school/{id}/student`). Never imports vscode.
export { bestTemplateMatch, matchPathTemplate, pathSegments, placeholderName, type TemplateMatch } from './pathTemplate';
