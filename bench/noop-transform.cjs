// jscodeshift baseline: parse every file with the tsx parser and change nothing.
module.exports = function noop(fileInfo, api) {
  api.jscodeshift(fileInfo.source);
  return undefined;
};
