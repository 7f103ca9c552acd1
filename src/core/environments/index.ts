// Environments for .psreq files: REST Client settings, http-client.env.json (+ private), .env.
// Never imports vscode.
export { EnvironmentSet, chooseEnvironment, connectionKey, isSecretName, localSandboxName, layerOf, shownValue, readEnvironmentLayer, type ChosenEnvironment, type EnvironmentLayer, type EnvironmentOrigin, type EnvironmentProblem } from './environments';
export { loadEnvironments, type EnvironmentLocations } from './load';
export { parseDotenv } from './dotenv';
export { fileEnvironmentOf } from './fileEnvironment';
