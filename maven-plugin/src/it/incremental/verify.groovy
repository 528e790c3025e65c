// Builds the project three more times after the invoker's first build (same Maven, same local repository,
// offline) and checks what each build rewrote, by timestamps.
import java.nio.file.Files
import java.nio.file.attribute.FileTime

def gen = new File(basedir, 'target/generated-sources/mapl/inc')
def classes = new File(basedir, 'target/classes/inc')
def alphaJava = new File(gen, 'Alpha.java'), betaJava = new File(gen, 'Beta.java')
def alphaClass = new File(classes, 'Alpha.class'), betaClass = new File(classes, 'Beta.class')

def settings = new File(basedir, 'target/it-settings.xml')
settings.text = new File(itSettings).text.replace('@localRepositoryUrl@', new File(userLocalRepository).toURI().toString())
def run = 1
def mvn = { ->
	run++
	def cmd = [System.getProperty('maven.home') + '/bin/mvn', '-B', '-o', '-s', settings.path,
		'-Dmaven.repo.local=' + localRepositoryPath, 'compile']
	def pb = new ProcessBuilder(cmd).directory(basedir).redirectErrorStream(true)
	pb.environment().put('MAVEN_OPTS', '-XX:TieredStopAtLevel=1')
	def p = pb.start()
	def out = p.inputStream.text
	p.waitFor()
	new File(basedir, "build-${run}.log").text = out
	assert p.exitValue() == 0: "build ${run} failed:\n${out}"
	return out
}
def stamp = { File f -> Files.getLastModifiedTime(f.toPath()) }
def age = { File f -> Files.setLastModifiedTime(f.toPath(), FileTime.fromMillis(System.currentTimeMillis() - 60_000)) }

assert alphaJava.isFile() && betaJava.isFile() && alphaClass.isFile() && betaClass.isFile()
// Age every output by a minute, so that any rewrite shows as a new timestamp whatever the
// file system's resolution.
[alphaJava, betaJava, alphaClass, betaClass].each(age)
def before = [alphaJava, betaJava, alphaClass, betaClass].collectEntries { [it, stamp(it)] }

// 2: no change (only a `touch`: content digests, not timestamps, decide): nothing regenerated,
// so javac has nothing to do either
new File(basedir, 'src/main/mapl/beta.mapl').setLastModified(System.currentTimeMillis())
def log = mvn()
assert log.contains('MAPL Java classes up to date'): log
before.each { f, t -> assert stamp(f) == t: "${f.name} was rewritten by a build with no change" }
assert log.contains('Nothing to compile - all classes are up to date'): log

// 3: a change to one of two policies rewrites only its class
def alpha = new File(basedir, 'src/main/mapl/alpha.mapl')
alpha.text = alpha.text.replace('a -> X', 'rule_a: a -> X')
log = mvn()
assert log.contains('1 written, 1 unchanged, 0 deleted (alpha.mapl changed)'): log
assert stamp(alphaJava) != before[alphaJava]: 'Alpha.java was not regenerated'
assert stamp(betaJava) == before[betaJava]: 'Beta.java was rewritten though beta did not change'

// 4: a deleted policy deletes its class
new File(basedir, 'src/main/mapl/beta.mapl').delete()
log = mvn()
assert log.contains('0 written, 1 unchanged, 1 deleted (beta.mapl deleted)'): log
assert !betaJava.exists(): 'Beta.java outlived its policy'
assert alphaJava.isFile()
return true
