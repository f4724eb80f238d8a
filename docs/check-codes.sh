#!/usr/bin/env bash
# Keeps docs/BEHAVIOURS.md honest about the behaviour codes (PY-3, PO-B4, CH-5, L-1, NOTES G0, ...)
# that tests, sources and docs use.
#
#   docs/check-codes.sh         check; exit 1 and say what is wrong if anything is
#   docs/check-codes.sh --list  print, per code, the tests that name it and the files that cite it
#
# It finds codes written as PY-B6 (anywhere), as a range CH-1..CH-6 or PY-13..15, as a test-method
# suffix _PYB6 (Java and Kotlin files), and gotchas G0..G15 in webtransport/NOTES.md or on a line
# of another file that mentions NOTES. It fails when
#   - a code is used somewhere but BEHAVIOURS.md has no "### CODE" heading or "| CODE |" row for it;
#   - a test class names a code (in a method name, @DisplayName, @ParameterizedTest name or a
#     Kotlin test("...") title) but the code's "Named by tests:" line does not list that class;
#   - a "Named by tests:" line lists a class that does not name the code (any more);
#   - a "### CODE" section has no "Named by tests:" line (write "none" if no test names it).
# Needs bash, git (or find) and perl. Reads files only.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-check}
case "$mode" in
  check | --list) ;;
  *) echo "usage: docs/check-codes.sh [--list]" >&2; exit 2 ;;
esac

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files
else
  find . -path ./.git -prune -o -path '*/target' -prune -o -path '*/node_modules' -prune \
    -o -type f -print | sed 's|^\./||'
fi | perl -e '
use strict; use warnings;
my ($mode, $doc) = @ARGV;
my (%used, %named);   # code => {file => line}, code => {TestClass => 1}
my $fam = qr/PY|PO|CH|L/;

sub norm { my ($f, $b, $n) = @_; return "$f-" . ($b ? "B" : "") . ($n + 0); }

while (my $file = <STDIN>) {
  chomp $file;
  next if $file eq $doc || $file eq "docs/check-codes.sh" || !-f $file || -B $file;
  next if $file =~ m{(^|/)package-lock\.json$};
  my $is_test = $file =~ m{/src/test/};
  my $is_code = $file =~ /\.(java|kt)$/;
  my $is_notes = $file eq "webtransport/NOTES.md";
  (my $class = $file) =~ s{.*/|\.[^.]+$}{}g;
  open(my $fh, "<", $file) or die "$file: $!";
  while (my $line = <$fh>) {
    my @codes;
    while ($line =~ /(?<![A-Za-z0-9])($fam)-(B?)(\d+)(?:\.\.(?:\1-)?\2?(\d+))?(?![0-9])/g) {
      my ($f, $b, $lo, $hi) = ($1, $2, $3, $4 // $3);
      push @codes, norm($f, $b, $_) for $lo .. $hi;
    }
    if ($is_code) {
      push @codes, norm($1, $2, $3) while $line =~ /(?<=_)($fam)(B?)(\d+)(?![0-9A-Za-z])/g;
    }
    if ($is_notes || $line =~ /NOTES/) {
      push @codes, "G" . ($1 + 0) while $line =~ /(?<![A-Za-z0-9])G(\d{1,2})(?![0-9A-Za-z])/g;
    }
    next unless @codes;
    my $naming = $is_test && $line =~
      /\bvoid\s+\w+\s*\(|\@DisplayName\s*\(|\@ParameterizedTest\s*\(\s*name|^\s*test\s*\(\s*"/;
    for my $c (@codes) {
      $used{$c}{$file} //= $.;
      $named{$c}{$class} = 1 if $naming && $c !~ /^G/;
    }
  }
  close $fh;
}

sub order { my ($x) = @_; my ($f, $b, $n) = $x =~ /^([A-Z]+?)-?(B?)(\d+)$/;
  my %rank = (PY => 0, PO => 1, CH => 2, L => 3, G => 4);
  return sprintf("%d%d%04d", $rank{$f} // 9, $b ? 1 : 0, $n); }
my @all = sort { order($a) cmp order($b) } keys %used;

if ($mode eq "--list") {
  for my $c (@all) {
    my @t = sort keys %{ $named{$c} // {} };
    my @f = sort keys %{ $used{$c} };
    printf "%s\n  named by: %s\n  cited in: %s\n", $c, (@t ? join(", ", @t) : "none"), join(", ", @f);
  }
  exit 0;
}

my (%defined, %listed, %has_line, @errors);
open(my $dh, "<", $doc) or die "$doc: $!";
my $current;
while (my $line = <$dh>) {
  if ($line =~ /^###\s+((?:$fam)-B?\d+|G\d+)\b/) { $current = $1; $defined{$current} = $.; next; }
  if ($line =~ /^#/) { $current = undef; }
  if ($line =~ /^\|\s*(G\d+|(?:$fam)-B?\d+)\s*\|/) { $defined{$1} //= $.; }
  if (defined $current && $line =~ /^\W*Named by tests:\W*(.*)$/) {
    $has_line{$current} = 1;
    $listed{$current}{$1} = 1 while $line =~ /`([A-Za-z0-9_]+)`/g;
  }
}
close $dh;

for my $c (@all) {
  next if $defined{$c};
  my ($file) = sort keys %{ $used{$c} };
  push @errors, "missing: $c is used ($file:$used{$c}{$file}) but $doc does not define it";
}
for my $c (sort { order($a) cmp order($b) } grep { !/^G/ } keys %defined) {
  if (!$has_line{$c}) { push @errors, "format: $c ($doc:$defined{$c}) has no \"Named by tests:\" line"; next; }
  for my $t (sort keys %{ $named{$c} // {} }) {
    push @errors, "stale: $t names $c but its \"Named by tests:\" line does not list it" unless $listed{$c}{$t};
  }
  for my $t (sort keys %{ $listed{$c} // {} }) {
    push @errors, "stale: $c lists $t, which names no test after $c" unless $named{$c}{$t};
  }
}

my %files; $files{$_} = 1 for map { keys %$_ } values %used;
my @untested = grep { !/^G/ && !%{ $named{$_} // {} } } @all;
my @unused = grep { !$used{$_} } sort { order($a) cmp order($b) } keys %defined;
printf "%d codes used in %d files; %d defined in %s.\n", scalar @all, scalar keys %files,
  scalar keys %defined, $doc;
print "No test is named after: ", (@untested ? join(", ", @untested) : "(every code has one)"), "\n";
print "Defined but used nowhere: ", join(", ", @unused), "\n" if @unused;
if (@errors) { print "FAIL\n"; print "  $_\n" for @errors; exit 1; }
print "OK\n";
' -- "$mode" docs/BEHAVIOURS.md
