// The log of the last build (failOnWarnings): the warning in Maven's format, then the failure.
def log = new File(basedir, 'build.log').text
def file = new File(basedir, 'src/main/mapl/dead.mapl').canonicalPath
def line = log.readLines().find { it.startsWith("[WARNING] ${file}:[11,5] ") }
assert line != null: 'no [WARNING] line for the dead rule'
assert line.endsWith('(mapl.analysis.dead-rule)'): line
assert log.contains('1 warning, and failOnWarnings is set')
return true
