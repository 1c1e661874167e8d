#!/usr/bin/env python3
"""Deterministic generator of French-like news articles for newsidx benchmarks.

Usage:
    python3 bench/gen_corpus.py OUT_DIR --articles N [--seed S] [--avg-bytes 4000]
                                [--vocabulary real|embedded] [--words FILE]
                                [--jobs J] [--force] [--quiet]

Writes N article files in the newsidx input format (SPEC.md section 1.1) under
OUT_DIR, laid out as OUT_DIR/YYYY/MM/NNNNNNN.txt (undated articles under
OUT_DIR/sans-date/BBB/), at most a few thousand files per folder (articles
beyond the first 500,000 go to YYYY/MM/lot-NN/ sub-folders).  Then writes
OUT_DIR/queries.json with query terms chosen from the generated text and
prints a summary on stderr.

Determinism: the same arguments (and, for the real vocabulary, the same word
list: queries.json records its SHA-256) give byte-identical files on any
machine.
Every block of 1,000 articles has its own random.Random seeded from
(seed, block number) through SHA-256; only random(), getrandbits(),
triangular() and exactly rounded arithmetic (+ - * / sqrt, never pow or
log) are used on its numbers, the vocabulary is built
from tables in this file in a fixed order, and nothing depends on hash
seeds, dictionary order of unsorted data, the clock or the number of jobs.
The first K articles of a run are the same files as those of a run with
--articles K (same seed and --avg-bytes), so corpora of growing sizes nest.

Vocabulary: "real" (the default) draws 22 % of the nouns and 30 % of the
adjectives from the words of a large French word list (--words, by default
/usr/share/dict/french of the Debian package wfrench: 333,383 words used),
in a fixed pseudo-random order with Zipf weights 1/(rank + 5000)^2, so that
the number of distinct words grows as in real French news (about 17,600 /
53,200 / 117,600 after 500 / 5,000 / 30,000 articles, against 17,036 /
52,739 / 112,635 for OrangeSum articles); queries.json records these counts.
"embedded" uses the embedded vocabulary alone and writes the same files as
version 1 of this generator (6,834 / 9,785 / 12,097 distinct words).

The text: an embedded vocabulary (about 890 nouns with singular and plural,
290 adjectives in four forms, 280 verbs in a dozen tenses and persons, 350
rare words: 8,400 word forms; plus function words, places, organisations,
people and 4,000 synthetic surnames), drawn with Zipf-like weights inside
topics (politics, world, economy, society, sport, culture, health, climate,
technology).  Sentences agree in gender and number, use elisions (l’, d’,
qu’, n’, s’, j’, mostly with U+2019, some with ASCII '), « quotes »,
numbers with thousands separators (space, no-break space, narrow no-break
space or dot), hyphenated names, headings, and dates from 1990 to 2025 in
the forms the spec accepts (mostly ' date YYYY-MM', about 1 % undated).

queries.json (also printed on stderr) holds, with their document
frequencies counted while generating:
  rare       a rare word whose forms are in about 0.1 % of the articles
  common     a noun whose forms are in about 40 % (30 % or more)
  and_pair   two words of one topic, together in about 5 %
  phrase     a multi-word expression, in about 2 %
  prefix     a prefix (query 'prefix*') of words of several lemmas, ~10 %
  inflected  a plural noun whose singular occurs too, in about 5 %
Document frequencies count lower-cased word forms as written (not stems), so
a search for a word through the French stemmer may match somewhat more.

Only the Python 3 standard library is used (tested with Python 3.11).
"""

import argparse
import bisect
import calendar
import datetime
import hashlib
import itertools
import json
import math
import os
import random
import re
import sys
import time
from collections import Counter

GENERATOR_VERSION = 2  # 2: the word tail; "embedded" writes version 1's files
BLOCK = 1000  # articles per random stream; never change (output depends on it)
# Vocabulary growth (distinct lower-case words of letters, WORD_RE) is
# recorded in queries.json after these numbers of articles.  Real French
# news: see bench/README.md.  Points under BLOCK are counted inside block 0,
# the others must be multiples of BLOCK (counted by the parent).
VOCAB_POINTS = (500, 5000, 30000)
EARLY_POINTS = frozenset(p for p in VOCAB_POINTS if p < BLOCK)
assert all(p < BLOCK or p % BLOCK == 0 for p in VOCAB_POINTS)
LOT = 500_000  # articles per lot of folders
APOS = "\u2019"
NBSP = "\u00a0"
NNBSP = "\u202f"
WORD_RE = re.compile(r"[^\W\d_]+")  # a word, as counted for frequencies

TOPICS = ("pol", "intl", "eco", "soc", "sport", "cult", "sci", "env", "tech")

# ---------------------------------------------------------------------------
# Vocabulary.  Entries are listed roughly from frequent to rare: the rank in
# its list sets a word's weight.  Noun entries: gender (m/f), then the word;
# "sg/pl" gives an irregular plural, "sg/=" an invariable one; a leading "!"
# marks an aspirated h (no elision: "la hausse").

NOUNS = {
    "gen": """
m gouvernement, m président, m pays, f situation, f question, m projet, f année,
m jour, f semaine, m mois, f ville, f région, f politique, f loi, f mesure,
f décision, m moment, m groupe, f réforme, f crise, m temps, m monde, m cas,
f population, m point, f société, m problème, m rapport, m plan, f vie,
m service, m système, f fin, f place, m niveau, m débat, f partie, m accord,
m conseil, m centre, m bilan, m chiffre, m résultat, m objectif, f raison,
f force, f condition, f action, f relation, f affaire, f information, m effet,
m sujet, m responsable, m habitant, m citoyen, m public, f campagne,
f majorité, f commission, f réunion, f déclaration, f proposition,
f solution, f difficulté, f période, m document, m communiqué,
m porte-parole/=, m enjeu, m lieu, m choix, m prix, m risque, m retour,
m départ, m début, m contexte, m changement, m développement, m mouvement,
m budget, m programme, m dossier, m processus, m quartier, m territoire,
f date, f zone, f frontière, f route, f rue, f maison, f famille, f femme,
f personne, f activité, f !hausse, f baisse, f aide, f image, f voix,
f idée, f volonté, f stratégie, f priorité, f perspective, f tendance,
m avenir, m exemple, m regard, m soutien, m sommet, m terrain, m siècle,
m week-end, m matin, m soir, m homme, m enfant, m directeur, m membre,
m représentant, m partenaire, m acteur, m spécialiste, m expert,
m observateur, m témoin, m voisin, m secteur, m domaine, m réseau, m moyen,
m outil, m besoin, m coût, m montant, m taux, m nombre, m record, m délai,
m calendrier, m rendez-vous, m discours, m message, m appel, m avis,
m espoir, m doute, m succès, m échec, m défi, m conflit, m dialogue,
m compromis, m équilibre, m cadre, m principe, m droit, m rôle, m poste,
m statut, m bureau, m siège, m site, m bâtiment, m pont, m port, m aéroport,
m véhicule, m train, m bus, m camion, m accident, m incendie, m phénomène,
m épisode, m événement, m anniversaire, m hommage, f évolution, f étape,
f série, f liste, f moitié, f minorité, f capitale, f commune, f province,
f nation, f communauté, f association, f organisation, f institution,
f autorité, f administration, f structure, f mission, f visite, f réponse,
f demande, f promesse, f annonce, f polémique, f controverse, f colère,
f inquiétude, f peur, f confiance, f surprise, f heure, f nuit, f journée,
f matinée, f soirée, f veille, f fois, f manière, f façon, f règle, f norme,
f limite, f menace, f hypothèse, f habitude, m horizon, m héritage,
m pouvoir d’achat/=, m fait divers/faits divers, m chef-lieu/chefs-lieux
""",
    "pol": """
m ministre, m député, f élection, f opposition, m maire, m parti, m scrutin,
m vote, m candidat, m électeur, m sénateur, m mandat, f assemblée,
m projet de loi/projets de loi, m amendement, m décret, m référendum,
m sondage, f coalition, m remaniement, m adversaire, m allié, m militant,
m syndicat, m leader, m camp, m suffrage, m conseiller, m préfet, m élu,
m chef, m opposant, f motion, f censure, f circonscription, f primaire,
f candidature, f investiture, f démission, f alliance, f gauche, f droite,
f démocratie/-, f république, f constitution, f présidence, f législature,
f abstention, f mairie, f préfecture, f cohabitation, f consultation,
f concertation, m palais, m régime, m second tour/seconds tours, m premier tour/premiers tours,
m quinquennat, m septennat, m hémicycle, m gouvernant, m chef de l’État/chefs de l’État,
m état d’urgence/états d’urgence, m maroquin, m scandale,
f tribune, m programme électoral/programmes électoraux, m meeting
""",
    "intl": """
f guerre, f armée, m conflit armé/conflits armés, m rebelle, m soldat,
m combattant, m bombardement, f offensive, f frappe, m raid, m missile,
m convoi, m réfugié, m civil, f troupe, f milice, f rébellion, f victoire,
f défaite, f trêve, f négociation, f sanction, m otage, m cessez-le-feu/=,
m traité, m diplomate, m ambassadeur, m dirigeant, m front, m siège militaire/sièges militaires,
m exode, m massacre, m attentat, m djihadiste, m terroriste, m blocus,
m embargo, m couloir humanitaire/couloirs humanitaires, m général, m colonel,
m pilote, m hélicoptère, m drone, m navire, m char, f diplomatie/-,
f ambassade, f victime, f évacuation, f bataille, f reconquête,
f résolution, f intervention, f opération, f occupation, f invasion,
f tension, f puissance, f influence, f aviation/-, f marine, f enclave,
f communauté internationale/-, m fief, m secteur rebelle/secteurs rebelles,
m casque bleu/casques bleus, m belligérant, m mercenaire, m arsenal,
f dissuasion/-, f escalade
""",
    "eco": """
m marché, f entreprise, m emploi, f économie/-, f croissance/-, m chômage/-,
f dette, m salaire, f production, f offre, f inflation/-, m investissement,
m investisseur, f banque, f bourse, m actionnaire, m bénéfice, m déficit,
m impôt, m commerce/-, m client, m consommateur, m produit, m euro, m dollar,
m franc, m patron, m salarié, m entrepreneur, m contrat, m licenciement,
m recrutement, m trimestre, m semestre, m exercice, m loyer, m logement,
m crédit, m prêt, m rachat, m fonds, m revenu, m ménage, m excédent,
m magasin, m commerçant, m agriculteur, m éleveur, m producteur,
m fournisseur, m transport, m carburant, m pétrole, m gaz, m baril,
f récession/-, f usine, f industrie, f filiale, f fusion, f acquisition,
f faillite, f cotisation, f retraite, f taxe, f dépense, f recette, f vente,
f exportation, f importation, f concurrence, f consommation, f embauche,
f charge, f marge, f rentabilité/-, f compétitivité/-, f agriculture/-,
f récolte, f filière, f monnaie, f devise, f épargne/-, f facture,
f subvention, f prime, m chiffre d’affaires/chiffres d’affaires,
m plan social/plans sociaux, m taux de chômage/taux de chômage,
m produit intérieur brut/=, f zone euro/-,
m guichet, m plan de relance/plans de relance
""",
    "soc": """
f justice/-, f police/-, f enquête, m procès, m tribunal, m juge, m avocat,
m procureur, m suspect, f plainte, m accusé, m prévenu, m policier,
m gendarme, m enquêteur, f condamnation, f peine, f prison, m meurtre,
m vol, m cambriolage, m drame, m conducteur, m passager, m piéton,
m secours, m pompier, m blessé, m mort, m décès, m corps, m témoignage,
f agression, f violence, f école, f université, f éducation/-, f grève,
f manifestation, m manifestant, f mobilisation, f revendication,
f précarité/-, f pauvreté/-, f inégalité, f discrimination, f immigration/-,
f laïcité/-, f religion, f église, f mosquée, f solidarité/-, f sécurité/-,
f délinquance/-, f circulation, f vitesse, f amende, f fraude, f corruption/-,
f audience, f cour, f disparition, f fusillade, f explosion,
m enseignant, m élève, m étudiant, m lycée, m collège, m parent,
m retraité, m immigré, m migrant, m sans-abri/=, m bénévole, m mariage,
m divorce, m délit, m crime, m trafic, m quartier prioritaire/quartiers prioritaires,
f garde à vue/gardes à vue, f gendarmerie/-, f mise en examen/mises en examen,
m juge d’instruction/juges d’instruction, f cour d’appel/cours d’appel,
m !harcèlement, m squat, m cortège, m préavis
""",
    "sport": """
m match, f équipe, m joueur, f saison, m entraîneur, m club,
m championnat, f finale, f compétition, m titre, m but, f coupe,
f médaille, m essai, m score, m stade, m supporter, m sélectionneur,
m attaquant, m défenseur, m gardien, m milieu de terrain/milieux de terrain,
m coureur, m cycliste, m marathon, m tournoi, m trophée, m podium,
m transfert, m maillot, m arbitre, m carton, m tir, m ballon,
m vestiaire, m favori, m rugby/-, m football/-, m tennis/-, m cyclisme/-,
m !handball/-, m basket/-, m ski/-, m sprint, m parcours, f demi-finale,
f épreuve, f course, f sélection, f qualification, f blessure,
f performance, f carrière, f fédération, f ligue, f piste,
m coup d’envoi/coups d’envoi, m penalty, m relais, m nageur, m athlète,
f nageuse, m champion, f championne, m quart de finale/quarts de finale,
m peloton, m maillot jaune/maillots jaunes, m vainqueur, m mondial,
m jeu, m set, m dribble, f remontada, m derby
""",
    "cult": """
m film, m livre, m roman, m auteur, m écrivain, m artiste, m musée,
m festival, m concert, m spectacle, m théâtre, m album, m chanteur,
m musicien, m réalisateur, m comédien, m tableau, m peintre,
m photographe, m patrimoine/-, m monument, m château, m opéra,
m tournage, m scénario, m personnage, m récit, m genre, m style,
m éditeur, m lecteur, m spectateur, m visiteur, m salon,
m chef-d’œuvre/chefs-d’œuvre, f œuvre, f exposition, f chanson,
f musique/-, f pièce, f scène, f culture/-, f littérature/-, f peinture/-,
f photographie/-, f sculpture/-, f danse/-, f collection, f galerie,
f édition, f critique, f star, f vedette, f actrice, f chanteuse,
f cérémonie, f projection, f salle, f affiche, f création, f mémoire/-,
f tradition, f biographie, f adaptation, f bande dessinée/bandes dessinées,
m metteur en scène/metteurs en scène, m long-métrage, m court-métrage,
m box-office, m prix littéraire/prix littéraires, m conservatoire,
f tournée, f rétrospective, m vernissage
""",
    "sci": """
f santé/-, m patient, m médecin, f maladie, m hôpital, m virus, m vaccin,
m traitement, f épidémie, m cancer, m malade, m soin, f recherche,
m chercheur, m laboratoire, m médicament, m diagnostic, m cerveau, m gène,
m organisme, m infirmier, m dépistage, m test, m variant, m masque,
m confinement, m échantillon, m satellite, m télescope, m astronaute,
m univers, m animal, m fossile, m squelette, m chirurgien, m symptôme,
f pandémie, f infection, f étude, f découverte, f espèce, f cellule,
f molécule, f vaccination/-, f hospitalisation, f urgence, f clinique,
f infirmière, f pharmacie, f ordonnance, f chirurgie, f planète,
f étoile, f galaxie, f fusée, f expérience, f théorie, f analyse,
f donnée, f observation, f dose, f prévention/-, m essai clinique/essais cliniques,
m service des urgences/services des urgences, f santé publique/-,
m généraliste, m généticien, m neurone, m protocole, f immunité/-,
f souche, m anticorps/=
""",
    "env": """
m climat/-, m réchauffement climatique/réchauffements climatiques,
f pollution/-, f énergie, f température, f sécheresse, f canicule,
f inondation, f tempête, f pluie, f forêt, f biodiversité/-, f émission,
f centrale, f éolienne, f transition, f pêche, f mer, f côte, f montagne,
f rivière, f nature/-, f vague, f crue, f alerte, f vigilance, f neige,
m carbone/-, m déchet, m plastique, m parc, m littoral, m glacier, m océan,
m fleuve, m orage, m ouragan, m séisme, m sol, m arbre, m pesticide,
m recyclage/-, m écosystème, m environnement/-, m degré, m barrage, m loup,
m ours, m oiseau, m insecte, m gaz à effet de serre/gaz à effet de serre,
f transition énergétique/transitions énergétiques, m panneau solaire/panneaux solaires,
f marée noire/marées noires, m épisode de pollution/épisodes de pollution,
f réserve naturelle/réserves naturelles, m feu de forêt/feux de forêt,
m permis de construire/=, f nappe phréatique/nappes phréatiques, m compost
""",
    "tech": """
f application, m réseau social/réseaux sociaux, f plateforme, m logiciel,
m ordinateur, m téléphone, m smartphone, m utilisateur, m internaute,
m algorithme, m robot, m serveur, m pirate, m piratage, m géant du numérique/géants du numérique,
m moteur de recherche/moteurs de recherche, m écran, m objet connecté/objets connectés,
m abonné, m abonnement, m opérateur, m fichier, m compte, m courriel,
m capteur, m processeur, m composant, m brevet, f technologie,
f intelligence artificielle/intelligences artificielles, f cyberattaque,
f start-up/=, f innovation, f puce, f batterie, f voiture électrique/voitures électriques,
f connexion, f publicité/-, f messagerie, f vidéo, f fibre, f antenne,
f cryptomonnaie, f panne, m mot de passe/mots de passe, f vie privée/=,
f donnée personnelle/données personnelles, m nuage, m code source/codes sources,
m développeur, f cybersécurité/-, m navigateur, f mise à jour/mises à jour
""",
}

# Rare nouns: drawn with a very small probability, so that some appear in
# about one article in a thousand and others in far fewer.
RARE_NOUNS = """
m pangolin, m palimpseste, f sérendipité/-, m ornithologue, f tergiversation,
m chrysanthème, f escarmouche, m archipel, m bathyscaphe, m saltimbanque,
f marqueterie/-, m lexicographe, m sismographe, m hydravion, f tapisserie,
m cartographe, m ébéniste, m funambule, m horloger, m luthier, m œnologue,
m apiculteur, f gravure, f enluminure, m herboriste, f marionnette,
m manuscrit, m parchemin, f cathédrale, f abbaye, m pèlerinage, m vitrail,
m carillon, f gargouille, f catacombe, m troglodyte, m menhir, m dolmen,
f fresque, f mosaïque, m sarcophage, f amphore, m obélisque, m astrolabe,
m sextant, f boussole, m phare, f écluse, f péniche, f caravelle,
f goélette, m chalutier, m scaphandre, m spéléologue, f stalactite,
m geyser, m volcanologue, f météorite, f comète, f aurore, m équinoxe,
m solstice, f mésange, m rossignol, f hirondelle, m bouquetin, m chamois,
f marmotte, m blaireau, m !hérisson, f libellule, f coccinelle,
f salamandre, m esturgeon, f anguille, m !homard, f langouste, m oursin,
f truffe, m safran/-, f vanille/-, f cannelle/-, f muscade, m cassoulet,
f bouillabaisse, f choucroute, f ratatouille, m millefeuille, m macaron,
f brioche, f galette, f crêpe, m cidre, m calvados, f absinthe/-,
f tapenade, m accordéon, f !harpe, m violoncelle, m clavecin,
m !hautbois, f cornemuse, m xylophone, m métronome, f partition,
f aquarelle, m fusain, m pastel, f estampe, f lithographie,
f calligraphie/-, m origami, m bonsaï, m kaléidoscope, m zootrope,
m stéréoscope, m daguerréotype, m gramophone, m phonographe,
m télégraphe, m sémaphore, m dirigeable, f montgolfière, m planeur,
m parapente, f tyrolienne, m trampoline, f escrime/-, m aviron/-, f pétanque/-,
m cochonnet, f belote/-, m échiquier, m grimoire, m alchimiste,
m astrologue, m almanach, f gazette, m palindrome, f anagramme,
m acrostiche, m sonnet, m alexandrin, m quatrain, f épigramme, m pamphlet,
m opuscule, m incunable, f reliure, m typographe, m imprimeur,
m colporteur, m rémouleur, m rempailleur, m ramoneur,
m maréchal-ferrant/maréchaux-ferrants, m tonnelier, m sabotier, m vannier,
m bourrelier, m forgeron, m meunier, m tisserand, f dentellière,
m chapelier, m cordonnier, f horlogerie/-, f orfèvrerie/-, f verrerie,
f faïence, f porcelaine, f céramique, f poterie, f arbalète, f catapulte,
m donjon, m pont-levis, f douve, f !herse, f oubliette, m écuyer,
m troubadour, m ménestrel, m jongleur, m bouffon, f alchimie/-,
f mélancolie/-, f nostalgie/-, f procrastination/-, m atermoiement,
f circonlocution, m euphémisme, m oxymore, f hyperbole, f litote,
f métaphore, f allégorie, m zeugme, m chiasme, f anacoluthe,
f synecdoque, f prosopopée, f apocope, f diérèse, m hiatus, m brontosaure,
m ptérodactyle, m tricératops, f ammonite, m trilobite, m cœlacanthe,
m ornithorynque, m tamanoir, m paresseux, m tatou, m okapi, m capybara,
m axolotl, m narval, m béluga, m cachalot, f méduse, m nautile,
m hippocampe, f murène, m espadon, m albatros, m cormoran, m flamant,
m martin-pêcheur, m pivert, f chouette, m !hibou, m vautour, m condor,
m colibri, m toucan, m perroquet, m ocelot, m lynx, m glouton, m carcajou,
f zibeline, m vison, f hermine, f loutre, m castor, m ragondin,
m chinchilla, m yack, m lama, m dromadaire, m zébu, m gnou, m phacochère,
m rhinocéros, m tapir, m wapiti, m caribou, m élan, m renne, m mouflon,
m isard, m !héron, f cigogne, f grue, f bécasse, m faisan, f perdrix,
f caille, m rouge-gorge, m pinson, m roitelet, f fauvette, m loriot,
m sansonnet, f alouette, m martinet, f sittelle, m grimpereau
"""

# Adjectives: "ms" (regular), or "ms/fs" or "ms/fs/mp/fp"; a leading "<" marks
# one usually placed before the noun, "ms/fs/mp/fp/msv" gives the form before
# a vowel (nouvel).  "!" as for nouns.
ADJECTIVES = {
    "gen": """
<nouveau/nouvelle/nouveaux/nouvelles/nouvel, <grand, important, <premier/première,
<dernier/dernière, public/publique, national, général, <petit, <seul,
<ancien/ancienne, <jeune, <prochain, récent, principal, social, politique,
économique, international, français, européen/européenne, local, régional,
<long/longue, <!haut, fort, lourd, difficile, possible, nécessaire, large,
vaste, fragile, majeur, officiel, militaire, civil, actuel, total, global,
mondial, complet/complète, entier/entière, <vrai, faux/fausse/faux/fausses,
<bon/bonne, <mauvais, meilleur, cher/chère, gratuit, privé, commun,
différent, <autre, nombreux/nombreuse, faible, élevé, modeste,
moyen/moyenne, supérieur, inférieur, régulier/régulière, normal, naturel/naturelle,
humain, personnel/personnelle, professionnel/professionnelle, familial,
étranger/étrangère, violent, grave, sérieux/sérieuse, dangereux/dangereuse,
célèbre, historique, inédit, exceptionnel/exceptionnelle, rapide, lent,
massif/massive, précis, clair, simple, complexe, libre, ouvert, fermé,
futur, vrai, juste, certain, fameux/fameuse, discret/discrète,
inquiet/inquiète, heureux/heureuse, fier/fière, prudent, optimiste,
pessimiste, favorable, sensible, crucial, décisif/décisive, symbolique,
emblématique, stratégique, technique, juridique, administratif/administrative,
démocratique, populaire, urbain, rural, quotidien/quotidienne, annuel/annuelle,
mensuel/mensuelle, hebdomadaire, ancien, étonnant, surprenant, inquiétant,
préoccupant, alarmant, encourageant, satisfaisant, controversé, attendu,
<beau/belle/beaux/belles/bel, <vieux/vieille/vieux/vieilles/vieil,
<gros/grosse/gros/grosses, <véritable, énorme, immense, minime, record/=/records/records,
habituel/habituelle, hostile, !hâtif/hâtive, !honteux/honteuse
""",
    "pol": """
présidentiel/présidentielle, législatif/législative, constitutionnel/constitutionnelle,
municipal, électoral, parlementaire, gouvernemental, ministériel/ministérielle,
républicain/républicaine, conservateur/conservatrice, progressiste, libéral,
socialiste, écologiste, centriste, populiste, radical, majoritaire,
minoritaire, sortant, démissionnaire
""",
    "intl": """
syrien/syrienne, russe, américain, allemand, britannique, chinois,
iranien/iranienne, turc/turque/turcs/turques, israélien/israélienne,
palestinien/palestinienne, ukrainien/ukrainienne, diplomatique, nucléaire,
humanitaire, armé, rebelle, meurtrier/meurtrière, aérien/aérienne,
terrestre, stratégique, occidental, onusien/onusienne, chiite, sunnite,
djihadiste, frontalier/frontalière
""",
    "eco": """
financier/financière, fiscal, industriel/industrielle, agricole, commercial,
budgétaire, salarial, monétaire, bancaire, immobilier/immobilière, boursier/boursière,
rentable, déficitaire, excédentaire, compétitif/compétitive, concurrentiel/concurrentielle,
trimestriel/trimestrielle, net/nette, brut, mondialisé
""",
    "soc": """
judiciaire, pénal, criminel/criminelle, policier/policière, scolaire,
universitaire, syndical, précaire, solidaire, religieux/religieuse, laïque,
routier/routière, mortel/mortelle, blessé, suspect, interpellé,
associatif/associative, pénitentiaire
""",
    "sport": """
sportif/sportive, olympique, victorieux/victorieuse, mondial, national,
décisif/décisive, offensif/offensive, défensif/défensive, professionnel/professionnelle,
invaincu, qualifié, éliminé, sélectionné, titulaire, remplaçant
""",
    "cult": """
culturel/culturelle, artistique, musical, littéraire, cinématographique,
théâtral, contemporain, classique, romanesque, poétique, photographique,
patrimonial, lyrique, documentaire, autobiographique
""",
    "sci": """
médical, sanitaire, scientifique, clinique, hospitalier/hospitalière,
génétique, chronique, infectieux/infectieuse, contagieux/contagieuse,
thérapeutique, spatial, biologique, chimique, expérimental, vaccinal
""",
    "env": """
climatique, environnemental, énergétique, écologique, solaire, éolien/éolienne,
renouvelable, polluant, naturel/naturelle, marin, maritime, forestier/forestière,
durable, fossile, toxique, !haussier/haussière
""",
    "tech": """
numérique, technologique, informatique, électronique, connecté, virtuel/virtuelle,
automatique, mobile, artificiel/artificielle, électrique, intelligent, piraté
""",
}

RARE_ADJECTIVES = """
ubuesque, rocambolesque, abracadabrantesque, pantagruélique, kafkaïen/kafkaïenne,
dantesque, homérique, cornélien/cornélienne, machiavélique, sibyllin, ésotérique,
hétéroclite, saugrenu, farfelu, loufoque, cocasse, truculent, pittoresque,
bucolique, champêtre, idyllique, féerique, onirique, chimérique, éphémère,
séculaire, millénaire, immémorial, vétuste, désuet/désuète, suranné, obsolète,
flamboyant, chatoyant, diaphane, opalescent, iridescent, nacré, mordoré,
vermoulu, alambiqué, byzantin, pharaonique, titanesque, lilliputien/lilliputienne,
rabelaisien/rabelaisienne, proustien/proustienne, picaresque, burlesque,
grandiloquent, emphatique, laconique, elliptique, volubile, truculent,
irascible, débonnaire, facétieux/facétieuse, espiègle, goguenard,
narquois, sardonique, mélancolique, crépusculaire, nocturne, vespéral,
printanier/printanière, automnal, hivernal, estival
"""

# Verbs.  "infinitive:flags" with class t (direct object), d (says, + que),
# i (intransitive), e (intransitive with être), s (pronominal), c (copula);
# spelling flags: è (é->è before a mute e), E (e->è), L (double l/t), Y (y->i).
VERBS = {
    "gen": """
annoncer:d, indiquer:d, affirmer:d, déclarer:d, expliquer:d, estimer:d,
confirmer:d, présenter:t, proposer:t, lancer:t, demander:t, rappeler:dL,
souligner:d, préciser:d, ajouter:d, raconter:t, montrer:t, révéler:dè,
publier:t, organiser:t, préparer:t, développer:t, créer:t, financer:t,
augmenter:i, diminuer:i, progresser:i, reculer:i, toucher:t, quitter:t,
rester:e, arriver:e, entrer:e, passer:i, tomber:e, retrouver:t, trouver:t,
chercher:t, aider:t, protéger:tè, menacer:t, inquiéter:tè, rassurer:t,
empêcher:t, éviter:t, assurer:d, renforcer:t, limiter:t, imposer:t,
signaler:d, installer:t, rencontrer:t, accepter:t, refuser:t, adopter:t,
critiquer:t, dénoncer:t, saluer:t, condamner:t, considérer:tè, porter:t,
mener:tE, amener:tE, lever:tE, compter:t, marquer:t, manquer:i,
changer:t, continuer:i, commencer:i, terminer:t, gérer:tè, utiliser:t,
penser:d, juger:d, regretter:d, noter:d, observer:t, constater:d,
expliciter:t, évoquer:t, aborder:t, envisager:t, examiner:t,
appeler:tL, jeter:tL, employer:tY, payer:tY, tenter:t, risquer:t,
dépasser:t, atteindre:t, concerner:t, représenter:t, accompagner:t,
engager:t, obliger:t, encourager:t, exiger:t, rejeter:tL, préférer:tè,
espérer:dè, répéter:dè, célébrer:tè, accélérer:iè, compléter:tè,
se dérouler:s, se tenir:s, se rendre:s, s’inquiéter:sè, s’opposer:s,
se multiplier:s, se poursuivre:s, se retrouver:s, s’installer:s,
se prononcer:s, se montrer:s, s’engager:s, se réunir:s, se féliciter:s,
finir:t, choisir:t, réussir:i, agir:i, établir:t, saisir:t, réunir:t,
garantir:t, fournir:t, investir:t, franchir:t, bâtir:t, accomplir:t,
affaiblir:t, élargir:t, rétablir:t, ralentir:i, enrichir:t, grandir:i,
définir:t, remplir:t, avertir:d, aboutir:i, subir:t,
attendre:t, entendre:t, rendre:t, perdre:t, défendre:t, descendre:e,
répondre:i, suspendre:t, vendre:t, prétendre:d, dépendre:i, étendre:t
""",
    "pol": """
voter:t, élire:t, gouverner:i, nommer:t, démissionner:i, légiférer:iè,
réformer:t, négocier:t, promulguer:t, censurer:t,
briguer:t, contester:t, amender:t
""",
    "intl": """
bombarder:t, attaquer:t, occuper:t, contrôler:t, libérer:t, évacuer:t,
frapper:t, encercler:t, assiéger:tè, reconquérir:t, abattre:t, riposter:i,
intercepter:t, déployer:tY, sanctionner:t
""",
    "eco": """
investir:t, exporter:t, importer:t, produire:t, consommer:t, coûter:i,
dépenser:t, économiser:t, emprunter:t, rembourser:t, licencier:t,
embaucher:t, recruter:t, racheter:tE, fusionner:i, chuter:i, grimper:i,
baisser:i, rapporter:t, taxer:t
""",
    "soc": """
arrêter:t, interpeller:t, juger:t, accuser:t, enquêter:i, témoigner:i,
manifester:i, protester:i, rassembler:t, mobiliser:t, bloquer:t,
fermer:t, condamner:t, incarcérer:tè, poursuivre:t, blesser:t, voler:t,
secourir:t, agresser:t
""",
    "sport": """
gagner:t, remporter:t, jouer:i, battre:t, éliminer:t, qualifier:t,
entraîner:t, égaliser:i, dominer:t, s’imposer:s, s’incliner:s,
décrocher:t, marquer:t, tirer:i, courir:i
""",
    "cult": """
chanter:t, tourner:t, filmer:t, réaliser:t, diffuser:t, exposer:t,
écrire:t, lire:t, interpréter:tè, composer:t, peindre:t, publier:t,
adapter:t, récompenser:t, primer:t
""",
    "sci": """
soigner:t, traiter:t, tester:t, vacciner:t, découvrir:t, analyser:t,
mesurer:t, guérir:t, hospitaliser:t, opérer:tè, diagnostiquer:t,
détecter:t, identifier:t, observer:t, prévoir:t
""",
    "env": """
polluer:t, réchauffer:t, recycler:t, protéger:tè, préserver:t,
détruire:t, inonder:t, brûler:t, menacer:t, replanter:t, réduire:t,
émettre:t, fondre:i, sécher:iè, épuiser:t
""",
    "tech": """
télécharger:t, pirater:t, connecter:t, programmer:t, lancer:t, partager:t,
innover:i, héberger:t, crypter:t, numériser:t, coder:i, bloquer:t,
afficher:t, installer:t, sauvegarder:t
""",
}

# Irregular verbs: inf|3s|3p|imperfect stem|future stem|past participle|
# present participle|1p|1s|class
IRREGULAR_VERBS = """
être|est|sont|ét|ser|été|étant|sommes|suis|c
avoir|a|ont|av|aur|eu|ayant|avons|ai|t
faire|fait|font|fais|fer|fait|faisant|faisons|fais|t
aller|va|vont|all|ir|allé|allant|allons|vais|e
pouvoir|peut|peuvent|pouv|pourr|pu|pouvant|pouvons|peux|m
devoir|doit|doivent|dev|devr|dû|devant|devons|dois|m
vouloir|veut|veulent|voul|voudr|voulu|voulant|voulons|veux|m
dire|dit|disent|dis|dir|dit|disant|disons|dis|d
prendre|prend|prennent|pren|prendr|pris|prenant|prenons|prends|t
comprendre|comprend|comprennent|compren|comprendr|compris|comprenant|comprenons|comprends|t
apprendre|apprend|apprennent|appren|apprendr|appris|apprenant|apprenons|apprends|t
mettre|met|mettent|mett|mettr|mis|mettant|mettons|mets|t
permettre|permet|permettent|permett|permettr|permis|permettant|permettons|permets|t
promettre|promet|promettent|promett|promettr|promis|promettant|promettons|promets|t
émettre|émet|émettent|émett|émettr|émis|émettant|émettons|émets|t
voir|voit|voient|voy|verr|vu|voyant|voyons|vois|t
prévoir|prévoit|prévoient|prévoy|prévoir|prévu|prévoyant|prévoyons|prévois|t
venir|vient|viennent|ven|viendr|venu|venant|venons|viens|e
devenir|devient|deviennent|deven|deviendr|devenu|devenant|devenons|deviens|c
revenir|revient|reviennent|reven|reviendr|revenu|revenant|revenons|reviens|e
tenir|tient|tiennent|ten|tiendr|tenu|tenant|tenons|tiens|t
soutenir|soutient|soutiennent|souten|soutiendr|soutenu|soutenant|soutenons|soutiens|t
obtenir|obtient|obtiennent|obten|obtiendr|obtenu|obtenant|obtenons|obtiens|t
maintenir|maintient|maintiennent|mainten|maintiendr|maintenu|maintenant|maintenons|maintiens|t
savoir|sait|savent|sav|saur|su|sachant|savons|sais|t
croire|croit|croient|croy|croir|cru|croyant|croyons|crois|d
connaître|connaît|connaissent|connaiss|connaîtr|connu|connaissant|connaissons|connais|t
reconnaître|reconnaît|reconnaissent|reconnaiss|reconnaîtr|reconnu|reconnaissant|reconnaissons|reconnais|d
partir|part|partent|part|partir|parti|partant|partons|pars|e
sortir|sort|sortent|sort|sortir|sorti|sortant|sortons|sors|e
ouvrir|ouvre|ouvrent|ouvr|ouvrir|ouvert|ouvrant|ouvrons|ouvre|t
découvrir|découvre|découvrent|découvr|découvrir|découvert|découvrant|découvrons|découvre|t
offrir|offre|offrent|offr|offrir|offert|offrant|offrons|offre|t
écrire|écrit|écrivent|écriv|écrir|écrit|écrivant|écrivons|écris|t
lire|lit|lisent|lis|lir|lu|lisant|lisons|lis|t
élire|élit|élisent|élis|élir|élu|élisant|élisons|élis|t
vivre|vit|vivent|viv|vivr|vécu|vivant|vivons|vis|i
suivre|suit|suivent|suiv|suivr|suivi|suivant|suivons|suis|t
poursuivre|poursuit|poursuivent|poursuiv|poursuivr|poursuivi|poursuivant|poursuivons|poursuis|t
mourir|meurt|meurent|mour|mourr|mort|mourant|mourons|meurs|e
atteindre|atteint|atteignent|atteign|atteindr|atteint|atteignant|atteignons|atteins|t
craindre|craint|craignent|craign|craindr|craint|craignant|craignons|crains|d
peindre|peint|peignent|peign|peindr|peint|peignant|peignons|peins|t
rejoindre|rejoint|rejoignent|rejoign|rejoindr|rejoint|rejoignant|rejoignons|rejoins|t
produire|produit|produisent|produis|produir|produit|produisant|produisons|produis|t
réduire|réduit|réduisent|réduis|réduir|réduit|réduisant|réduisons|réduis|t
construire|construit|construisent|construis|construir|construit|construisant|construisons|construis|t
détruire|détruit|détruisent|détruis|détruir|détruit|détruisant|détruisons|détruis|t
conduire|conduit|conduisent|conduis|conduir|conduit|conduisant|conduisons|conduis|t
interdire|interdit|interdisent|interdis|interdir|interdit|interdisant|interdisons|interdis|t
battre|bat|battent|batt|battr|battu|battant|battons|bats|t
abattre|abat|abattent|abatt|abattr|abattu|abattant|abattons|abats|t
recevoir|reçoit|reçoivent|recev|recevr|reçu|recevant|recevons|reçois|t
accueillir|accueille|accueillent|accueill|accueiller|accueilli|accueillant|accueillons|accueille|t
résoudre|résout|résolvent|résolv|résoudr|résolu|résolvant|résolvons|résous|t
convaincre|convainc|convainquent|convainqu|convaincr|convaincu|convainquant|convainquons|convaincs|t
reconquérir|reconquiert|reconquièrent|reconquér|reconquerr|reconquis|reconquérant|reconquérons|reconquiers|t
courir|court|courent|cour|courr|couru|courant|courons|cours|i
secourir|secourt|secourent|secour|secourr|secouru|secourant|secourons|secours|t
fondre|fond|fondent|fond|fondr|fondu|fondant|fondons|fonds|i
"""

FUNCTION_ADVERBS = """
cependant, toutefois, pourtant, désormais, notamment, également, aussi,
déjà, encore, toujours, souvent, parfois, ainsi, enfin, surtout,
d’ailleurs, en effet, par ailleurs, en outre, néanmoins, finalement,
actuellement, récemment, rapidement, progressivement, largement,
fortement, particulièrement, directement, officiellement, clairement,
probablement, sans doute, peut-être, bientôt, ensuite, alors, vraiment,
pleinement, totalement, nettement, légèrement, largement, visiblement,
manifestement, discrètement, brutalement, soudain, longtemps, aujourd’hui,
hier, demain, désormais, certes, plutôt, presque
"""

REPORTING = """
indique, affirme, déclare, explique, estime, souligne, précise, ajoute,
assure, confie, raconte, rappelle, reconnaît, regrette, dénonce, insiste,
admet, prévient, résume, martèle, observe, note, poursuit, conclut,
confirme, détaille, relate, commente, analyse, tempère, nuance
"""

FIRST_NAMES_M = """
Jean, Pierre, Michel, Philippe, Alain, Nicolas, François, Laurent, Thomas,
Julien, Antoine, Olivier, Christophe, Éric, Stéphane, Sébastien, David,
Patrick, Bruno, Didier, Gérard, Marc, Luc, Paul, Louis, Hugo, Lucas,
Mathieu, Karim, Mehdi, Yannick, Mamadou, Jean-Pierre, Jean-Luc, Jean-Marc,
Jean-Claude, Jean-François, Jean-Michel, Pierre-Yves, Jean-Baptiste,
Youssef, Rachid, Ahmed, Vincent, Guillaume, Romain, Maxime, Arnaud, Benoît,
Cédric, Fabrice, Franck, Hervé, Jérôme, Lionel, Loïc, Pascal, Régis, Thierry,
Xavier, Yves, Étienne, Gilles, Serge, Denis, Emmanuel, Raphaël, Gaël, Erwan
"""

FIRST_NAMES_F = """
Marie, Nathalie, Isabelle, Sylvie, Catherine, Christine, Sophie, Anne,
Valérie, Sandrine, Céline, Julie, Émilie, Camille, Léa, Manon, Chloé, Inès,
Sarah, Fatima, Nadia, Aurélie, Hélène, Élodie, Claire, Agnès, Monique,
Françoise, Marie-Claire, Anne-Sophie, Marie-France, Marie-Hélène,
Anne-Marie, Marie-Christine, Laure, Pauline, Charlotte, Clémence, Margaux,
Océane, Sabrina, Samia, Leïla, Karine, Virginie, Delphine, Stéphanie,
Véronique, Brigitte, Martine, Danielle, Josiane, Ségolène, Mathilde,
Gwenaëlle, Maëlle, Solène, Aïcha, Yasmina, Nicole, Odile, Corinne
"""

SURNAMES = """
Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy,
Moreau, Simon, Laurent, Lefebvre, Michel, Garcia, David, Bertrand, Roux,
Vincent, Fournier, Morel, Girard, André, Lefèvre, Mercier, Dupont, Lambert,
Bonnet, François, Martinez, Legrand, Garnier, Faure, Rousseau, Blanc,
Guérin, Muller, Henry, Roussel, Nicolas, Perrin, Morin, Mathieu, Clément,
Gauthier, Dumont, Lopez, Fontaine, Chevalier, Robin, Masson, Sanchez,
Gérard, Nguyen, Boyer, Denis, Lemaire, Duval, Joly, Gautier, Roger, Roche,
Roy, Noël, Meyer, Lucas, Meunier, Perez, Marchand, Dufour, Blanchard,
Barbier, Brun, Dumas, Brunet, Schmitt, Leroux, Colin, Fernandez, Renard,
Arnaud, Rolland, Caron, Aubert, Giraud, Leclerc, Vidal, Bourgeois, Renaud,
Lemoine, Picard, Gaillard, Lacroix, Fabre, Dupuis, Olivier, Rodriguez,
Da Silva, Hubert, Guillot, Rivière, Le Gall, Guillaume, Adam, Rey, Moulin,
Gonzalez, Berger, Lecomte, Ménard, Fleury, Deschamps, Carpentier, Benoît,
Maillard, Marchal, Aubry, Vasseur, Le Roux, Renault, Jacquet, Collet,
Prévost, Poirier, Charpentier, Royer, Huet, Baron, Dupuy, Pons, Carré,
Breton, Rémy, Schneider, Perrot, Guyot, Barre, Marty, Cousin, Haddad,
Benali, Diallo, Traoré, Koné, Diop, Ndiaye, Kaci, Mansouri, Bouzid, Chérif,
Tran, Le Goff, Kerbrat, Le Bihan, Quéméner, Abou Zied, el-Khoury, Ben Saïd,
Saint-Martin, Dupont-Moreau, Lefèvre-Pontalis, Martin-Lavigne
"""

# Places: cities (no article), countries and regions "gender name"
# (f/m/p = feminine, masculine, plural with article; a = "à" without article;
# e = "en" without article).
CITIES_FR = """
Paris, Lyon, Marseille, Toulouse, Nice, Nantes, Strasbourg, Montpellier,
Bordeaux, Lille, Rennes, Reims, Saint-Étienne, Toulon, Grenoble, Dijon,
Angers, Nîmes, Villeurbanne, Clermont-Ferrand, Aix-en-Provence, Brest, Tours,
Amiens, Limoges, Annecy, Perpignan, Boulogne-Billancourt, Metz, Besançon,
Orléans, Rouen, Mulhouse, Caen, Nancy, Argenteuil, Montreuil, Roubaix,
Tourcoing, Avignon, Poitiers, Pau, La Rochelle, Calais, Cannes, Ajaccio,
Bastia, Bayonne, Colmar, Quimper, Vannes, Lorient, Saint-Malo, Chambéry,
Valence, Troyes, Chartres, Auxerre, Épinal, Évreux, Châteauroux, Périgueux,
Agen, Albi, Rodez, Tarbes, Carcassonne, Béziers, Sète, Arles, Fréjus, Gap,
Digne-les-Bains, Aurillac, Vichy, Nevers, Bourges, Blois, Laval,
Cherbourg-en-Cotentin, Saint-Brieuc, Saint-Nazaire, Châlons-en-Champagne,
Charleville-Mézières, Bar-le-Duc, Lons-le-Saunier, Mont-de-Marsan,
Saint-Denis, Fort-de-France, Pointe-à-Pitre, Cayenne, Nouméa, Papeete,
Marmande, Villeneuve-sur-Lot, Bagnères-de-Bigorre, Saint-Jean-de-Luz,
Montélimar, Issoire, Lannion, Morlaix, Dax, Millau, Figeac, Cahors
"""

CITIES_WORLD = """
Alep, Damas, !Homs, Beyrouth, Bagdad, Mossoul, Kaboul, Téhéran, Jérusalem,
Gaza, Tunis, Alger, Rabat, Casablanca, Dakar, Abidjan, Bamako, Niamey,
Kinshasa, Nairobi, Johannesburg, Londres, Berlin, Madrid, Rome, Bruxelles,
Genève, Lausanne, Amsterdam, Vienne, Varsovie, Prague, Budapest, Athènes,
Istanbul, Ankara, Moscou, Kiev, Washington, New York, Montréal, Québec,
Ottawa, Mexico, Brasilia, Buenos Aires, Pékin, Shanghai, !Hong Kong, Tokyo,
Séoul, New Delhi, Bombay, Sydney, Idleb, Lattaquié, !Hama, Benghazi, Tripoli
"""

COUNTRIES = """
f France, f Allemagne, f Italie, f Espagne, f Belgique, f Suisse, f Grèce,
f Turquie, f Russie, f Ukraine, f Pologne, f Chine, f Inde, f Syrie,
f Libye, f Tunisie, f Algérie, f Égypte, f Jordanie, f Arabie saoudite,
f Côte d’Ivoire, f Corée du Sud, f Australie, f Argentine, f Colombie,
m Brésil, m Canada, m Japon, m Mexique, m Maroc, m Mali, m Niger, m Liban,
m Irak, m Iran, m Yémen, m Sénégal, m Portugal, m Royaume-Uni, m Danemark,
m Luxembourg, m Venezuela, m Chili, m Pérou, m Vietnam, m Cameroun,
m Afghanistan, m Pakistan, m Qatar, m Nigeria, m Soudan, m Tchad,
m Burkina Faso, m Kenya, p États-Unis, p Pays-Bas, p Émirats arabes unis,
p Philippines, e Israël, a Cuba, e Haïti, a Madagascar, a Chypre, a Malte,
a Singapour, a Taïwan, f !Hongrie, m !Honduras
"""

REGIONS = """
f Bretagne, f Normandie, f Occitanie, f Provence, f Alsace, f Corse,
f Auvergne, f Bourgogne, f Île-de-France, f Nouvelle-Aquitaine,
f Lorraine, f Picardie, f Champagne, f Savoie, f Gironde, f Dordogne,
f Vendée, f Haute-Garonne, f Seine-Saint-Denis, f Moselle, f Sarthe,
m Finistère, m Morbihan, m Var, m Gard, m Nord, m Calvados, m Val-de-Marne,
m Pas-de-Calais, m Lot-et-Garonne, m Puy-de-Dôme, m Jura, m Vaucluse
"""

# Organisations, with the article as it is written (the elision pass turns
# "le Insee" into "l’Insee").
ORGS = """
le Sénat|m, la Assemblée nationale|f, le Conseil constitutionnel|m,
le Conseil de État|m, la Cour des comptes|f, le Insee|m, la SNCF|f,
la Banque de France|f, la Banque centrale européenne|f,
la Commission européenne|f, la Union européenne|f, le Parlement européen|m,
la ONU|f, le Otan|m, le FMI|m, la OMS|f, la Cour de cassation|f,
le parquet de Paris|m, le ministère de la Santé|m,
le ministère de le Intérieur|m, le ministère des Armées|m, le Élysée|m,
Matignon|m, Météo-France|m, Pôle emploi|m, la Croix-Rouge|f,
Médecins sans frontières|m, la Fédération française de football|f,
la CGT|f, la CFDT|f, le Medef|m, la Cnil|f, la Sécurité sociale|f,
le CNRS|m, le Inserm|m, la Haute Autorité de santé|f,
Santé publique France|f, la Ligue des droits de le homme|f,
le Observatoire syrien des droits de le homme|m, le Croissant-Rouge|m,
la Agence France-Presse|f, le Conseil de sécurité|m, la Maison-Blanche|f,
le Kremlin|m, le Quai de Orsay|m, la préfecture de police|f,
le tribunal correctionnel|m, la cour de assises|f, la Fnac|f,
la Caisse des dépôts|f, le Centre national du cinéma|m
"""

MINISTRIES = """
de le Intérieur, de la Justice, de le Économie, des Affaires étrangères,
des Armées, de la Santé, de le Éducation nationale, de la Culture,
de le Agriculture, de le Travail, de la Transition écologique, des Sports,
de le Enseignement supérieur, des Transports, du Logement, des Outre-mer
"""

NEWSPAPERS = """
La Gazette du Centre, Le Courrier des Vallées, L’Écho des Collines,
La Dépêche du Val, Le Petit Quotidien du Sud, Nouvelles de Loire,
Le Journal des Deux Rives, L’Observateur du Plateau, Agence Presse Horizon,
Le Messager du Littoral
"""

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
            "dimanche")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet",
          "août", "septembre", "octobre", "novembre", "décembre")
MONTHS_ASCII = ("janvier", "fevrier", "mars", "avril", "mai", "juin",
                "juillet", "aout", "septembre", "octobre", "novembre",
                "decembre")
NUMBER_WORDS = ("deux", "trois", "quatre", "cinq", "six", "sept", "huit",
                "dix", "douze", "quinze", "vingt", "trente", "cent")

# The word tail of the "real" vocabulary (see WordTail): its share of the
# nouns and adjectives drawn, and its Zipf weights.  Tuned so that the
# number of distinct words grows as in real French news (bench/README.md).
WORD_LIST = "/usr/share/dict/french"  # Debian package wfrench
TAIL_NOUN_SHARE = 0.22
TAIL_ADJ_SHARE = 0.30
TAIL_S = 2.0
TAIL_Q = 5000.0
TAIL_MIN_WORDS = 1000

# Expressions tracked for the "phrase" query (lower case, with U+2019).
PHRASE_CANDIDATES = (
    "pouvoir d’achat", "projet de loi", "état d’urgence", "garde à vue",
    "chiffre d’affaires", "intelligence artificielle", "taux de chômage",
    "premier ministre", "réseaux sociaux", "réchauffement climatique",
    "conseil constitutionnel", "assemblée nationale", "communauté internationale",
    "cessez-le-feu", "mise en examen", "plan de relance", "coup d’envoi",
    "mot de passe", "bande dessinée", "gaz à effet de serre",
)
# Prefixes tracked for the "prefix" query: each starts words of two lemmas
# or more.
PREFIX_CANDIDATES = (
    "manifest", "bombard", "gouvern", "financ", "investi", "product",
    "organis", "électr", "polic", "industri", "négoci", "attaqu",
    "inform", "présid", "territ", "commerc", "enquêt", "reconn",
)

TITLES = (
    # (masculine, feminine, complement kind)
    ("ministre", "ministre", "ministry"),
    ("maire", "maire", "city"),
    ("préfet", "préfète", "region"),
    ("député", "députée", "region"),
    ("sénateur", "sénatrice", "region"),
    ("président", "présidente", "org"),
    ("directeur", "directrice", "org"),
    ("porte-parole", "porte-parole", "org"),
    ("secrétaire général", "secrétaire générale", "org"),
    ("procureur de la République", "procureure de la République", "city"),
    ("avocat", "avocate", "family"),
    ("entraîneur", "entraîneuse", "club"),
    ("économiste", "économiste", "none"),
    ("chercheur", "chercheuse", "lab"),
    ("historien", "historienne", "none"),
    ("médecin", "médecin", "hospital"),
    ("syndicaliste", "syndicaliste", "none"),
    ("militant", "militante", "opposition"),
)

TIME_EXPRESSIONS = (
    "ce {wd} soir", "{wd}", "{wd} matin", "{wd} dernier", "la semaine dernière",
    "l’an dernier", "en {year}", "depuis {year0}", "le {day} {month}",
    "à la mi-{month}", "au début du mois", "à la fin de l’année",
    "depuis plusieurs mois", "il y a quelques jours", "dans les prochains mois",
    "cette année", "d’ici à {year1}", "lors du dernier trimestre",
    "aujourd’hui", "hier soir", "dès demain", "le {day} {month} {year}",
)

# ---------------------------------------------------------------------------
# Lexicon building (morphology)

VOWELS = "aeiouàâäéèêëîïôöùûüœæAEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ"
_AL_S = frozenset(("festival", "carnaval", "bal", "récital", "chacal",
                   "régal", "naval", "banal", "fatal", "final"))
# Indexes in a verb tuple: forms, then class and "is pronominal".
(INF, P3S, P3P, IMP3S, IMP3P, FUT3S, FUT3P, COND3S, COND3P, PPMS, PPFS, PPMP,
 PPFP, PPR, P1S, P1P, FUT1P, FUT1S, PS3S, PS3P, CLS, PRON) = range(22)


def _entries(text):
    """Comma-separated entries of a table, stripped, in order."""
    return [e.strip() for e in text.replace("\n", " ").split(",") if e.strip()]


def _plural(sg):
    if sg.endswith(("s", "x", "z")):
        return sg
    if sg.endswith("al") and sg not in _AL_S:
        return sg[:-2] + "aux"
    if sg.endswith(("au", "eu")) and sg not in ("pneu", "bleu"):
        return sg + "x"
    return sg + "s"


def _feminine(ms):
    if ms.endswith("e"):
        return ms
    for end, fem in (("eux", "euse"), ("if", "ive"), ("el", "elle"),
                     ("ien", "ienne"), ("er", "ère"), ("on", "onne")):
        if ms.endswith(end):
            return ms[: -len(end)] + fem
    return ms + "e"


def _last_to(stem, old, new):
    i = stem.rfind(old)
    return stem[:i] + new + stem[i + 1:] if i >= 0 else stem


def _participles(pp):
    if pp == "dû":
        return ("dû", "due", "dus", "dues")
    mp = pp if pp.endswith("s") else pp + "s"
    return (pp, pp + "e", mp, pp + "es")


def _conjugate(inf, irregular):
    """All forms of a verb (tuple indexed by INF..PS3P), without class."""
    if inf in irregular:
        _, p3s, p3p, imp, fut, pp, ppr, p1p, p1s, _cls = irregular[inf]
        ps3s = ps3p = None
        return ([inf, p3s, p3p, imp + "ait", imp + "aient", fut + "a",
                 fut + "ont", fut + "ait", fut + "aient"]
                + list(_participles(pp))
                + [ppr, p1s, p1p, fut + "ons", fut + "ai", ps3s, ps3p])
    raise KeyError(inf)


def _conjugate_regular(inf, flags):
    st = inf[:-2]
    if inf.endswith("er"):
        soft = st
        if st.endswith("c"):
            soft = st[:-1] + "ç"
        elif st.endswith("g"):
            soft = st + "e"
        strong, fut = st, inf
        if "è" in flags:
            strong = _last_to(st, "é", "è")
        if "E" in flags:
            strong = _last_to(st, "e", "è")
            fut = strong + "er"
        if "L" in flags:
            strong = st + st[-1]
            fut = strong + "er"
        if "Y" in flags:
            strong = st[:-1] + "i"
            fut = strong + "er"
        return ([inf, strong + "e", strong + "ent", soft + "ait",
                 soft + "aient", fut + "a", fut + "ont", fut + "ait",
                 fut + "aient"] + list(_participles(st + "é"))
                + [soft + "ant", strong + "e", soft + "ons", fut + "ons",
                   fut + "ai", soft + "a", st + "èrent"])
    if inf.endswith("ir"):
        return ([inf, st + "it", st + "issent", st + "issait",
                 st + "issaient", inf + "a", inf + "ont", inf + "ait",
                 inf + "aient"] + list(_participles(st + "i"))
                + [st + "issant", st + "is", st + "issons", inf + "ons",
                   inf + "ai", st + "it", st + "irent"])
    if inf.endswith("re"):
        fut = inf[:-1]
        return ([inf, st, st + "ent", st + "ait", st + "aient", fut + "a",
                 fut + "ont", fut + "ait", fut + "aient"]
                + list(_participles(st + "u"))
                + [st + "ant", st + "s", st + "ons", fut + "ons", fut + "ai",
                   st + "it", st + "irent"])
    raise ValueError("cannot conjugate " + inf)


def _zipf(n, s=1.0, q=1.0):
    """Weights 1/(r+q)^s for ranks 1..n, with s in {1, 1.25, 1.5, 2}.

    Only +, *, / and sqrt are used: IEEE 754 rounds them exactly the same way
    on every machine, unlike pow() or log().
    """
    out = []
    for r in range(1, n + 1):
        x = r + q
        if s == 1.25:
            x = x * math.sqrt(math.sqrt(x))
        elif s == 1.5:
            x = x * math.sqrt(x)
        elif s == 2.0:
            x = x * x
        out.append(1.0 / x)
    return out


class Sampler:
    """Draws items with given weights: items[bisect(cum, random() * total)]."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, items, weights):
        cum = []
        t = 0.0
        for w in weights:
            t += w
            cum.append(t)
        self.items = list(items)
        self.cum = cum
        self.total = t

    @classmethod
    def zipf(cls, items, s=1.0, q=1.0):
        return cls(items, _zipf(len(items), s, q))


class WordTail:
    """The frequency tail of the "real" vocabulary, read from a word list.

    Holds the lower-case, letter-only words of the list (one word a line, as
    in /usr/share/dict/french) that the embedded vocabulary lacks, ranked in
    a fixed pseudo-random order (the BLAKE2b digest of each word, so that a
    word's rank depends on that word alone, not on the rest of the list),
    with Zipf weights 1/(rank + TAIL_Q)^TAIL_S: the tail continues the ranks
    of the embedded words.  sha256 identifies the list: the same list gives
    the same corpus.  Raises OSError when the list cannot be read and
    ValueError when it holds too few words.
    """

    def __init__(self, path, known):
        with open(path, "rb") as f:
            data = f.read()
        self.path = path
        self.sha256 = hashlib.sha256(data).hexdigest()
        words = {w for w in data.decode("utf-8").split()
                 if w == w.lower() and WORD_RE.fullmatch(w)}
        words.difference_update(known)
        if len(words) < TAIL_MIN_WORDS:
            raise ValueError("%s holds %d usable words (lower-case, letters "
                             "only, not in the embedded vocabulary); at "
                             "least %d are needed" % (
                                 path, len(words), TAIL_MIN_WORDS))
        ranked = sorted(words, key=lambda w: (hashlib.blake2b(
            w.encode(), digest_size=8).digest(), w))
        self.words = len(ranked)
        self.sampler = Sampler.zipf(ranked, TAIL_S, TAIL_Q)


class Lexicon:
    """The vocabulary, built from the tables above in a fixed order.

    Holds samplers per topic, the lemma of every word form (for document
    frequencies) and the h-muet words (for elision); with a word list, also
    the WordTail drawn from it (else tail is None).  Read-only once built.
    """

    def __init__(self, word_list=None):
        self.form_lemma = {}  # lower-case form -> lemma key ("n:armée")
        self.form_keys = {}  # lower-case word -> keys_of(word), a cache
        self.lemma_forms = {}  # lemma key -> list of forms
        self.lemma_kind = {}  # lemma key -> "noun"/"adj"/"verb"/"rare"...
        aspirated = set()
        hwords = set()

        def register(key, kind, forms):
            if key in self.lemma_forms:
                return False
            self.lemma_kind[key] = kind
            fl = []
            for f in forms:
                w = f.lower()
                if w not in fl:
                    fl.append(w)
                if WORD_RE.fullmatch(w):
                    self.form_lemma.setdefault(w, key)
            self.lemma_forms[key] = fl
            return True

        def parse_noun(entry, kind, topic):
            g, word = entry.split(" ", 1)
            asp = word.startswith("!")
            word = word.lstrip("!")
            if "/" in word:
                sg, pl = word.split("/")
                pl = sg if pl == "=" else (None if pl == "-" else pl)
            else:
                sg, pl = word, _plural(word)
            if not register("n:" + sg, kind, (sg, pl or sg)):
                return None
            if asp:
                aspirated.update((sg, pl or sg))
            elif sg[0] in "hH":
                hwords.update((sg.split(" ")[0], (pl or sg).split(" ")[0]))
            v = sg[0] in VOWELS or (sg[0] == "h" and not asp)
            return (sg, pl, g == "f", v, topic)

        def parse_adj(entry, kind):
            pre = entry.startswith("<")
            entry = entry.lstrip("<")
            asp = entry.startswith("!")
            entry = entry.lstrip("!")
            parts = entry.split("/")
            ms = parts[0]
            fs = parts[1] if len(parts) > 1 and parts[1] not in ("", "=") else (
                ms if len(parts) > 1 and parts[1] == "=" else _feminine(ms))
            if len(parts) > 2:
                mp, fp = parts[2], parts[3]
            else:
                mp = ms if ms.endswith(("s", "x")) else (
                    ms[:-2] + "aux" if ms.endswith("al") and ms not in _AL_S
                    else ms + "x" if ms.endswith("eau") else ms + "s")
                fp = fs + "s"
            msv = parts[4] if len(parts) > 4 else ms
            if not register("a:" + ms, kind, (ms, fs, mp, fp, msv)):
                return None
            if asp:
                aspirated.update((ms, fs, mp, fp))
            elif ms[0] == "h":
                hwords.update((ms, fs, mp, fp))
            v = ms[0] in VOWELS or (ms[0] == "h" and not asp)
            return (ms, fs, mp, fp, msv, v, pre)

        irregular = {}
        for line in IRREGULAR_VERBS.strip().splitlines():
            f = line.split("|")
            irregular[f[0]] = f

        def parse_verb(entry):
            inf, flags = entry.split(":")
            pron = inf.startswith(("se ", "s’"))
            base = inf[3:] if inf.startswith("se ") else (
                inf[2:] if pron else inf)
            if base in irregular:
                forms = _conjugate(base, irregular)
            else:
                forms = _conjugate_regular(base, flags)
            cls = flags[0]
            key = "v:" + base
            if not register(key, "verb", [f for f in forms if f]):
                if not pron:
                    return None
            for f in forms:
                if f and f[0] == "h":
                    hwords.add(f)
            return tuple(forms) + (cls, pron)

        # Nouns.
        self.nouns = {}
        for topic, text in NOUNS.items():
            lst = [n for n in (parse_noun(e, "noun", topic)
                               for e in _entries(text)) if n]
            self.nouns[topic] = lst
        self.rare_nouns = [n for n in (parse_noun(e, "rare", "rare")
                                       for e in _entries(RARE_NOUNS)) if n]
        # Adjectives.
        self.adjs = {}
        self.pre_adjs = []
        for topic, text in ADJECTIVES.items():
            lst = []
            for e in _entries(text):
                a = parse_adj(e, "adj")
                if a is None:
                    continue
                if a[6]:
                    self.pre_adjs.append(a)
                else:
                    lst.append(a)
            self.adjs[topic] = lst
        self.rare_adjs = [a for a in (parse_adj(e, "rare")
                                      for e in _entries(RARE_ADJECTIVES)) if a]
        # Verbs.
        self.verbs = {}
        for topic, text in VERBS.items():
            self.verbs[topic] = [v for v in (parse_verb(e)
                                             for e in _entries(text)) if v]
        self.be = tuple(_conjugate("être", irregular)) + ("c", False)
        self.have = tuple(_conjugate("avoir", irregular)) + ("t", False)
        self.modals = [tuple(_conjugate(m, irregular)) + ("m", False)
                       for m in ("pouvoir", "devoir", "vouloir")]
        self.go = tuple(_conjugate("aller", irregular)) + ("e", False)
        for key, inf in (("v:être", "être"), ("v:avoir", "avoir"),
                         ("v:pouvoir", "pouvoir"), ("v:devoir", "devoir"),
                         ("v:vouloir", "vouloir"), ("v:aller", "aller"),
                         ("v:faire", "faire")):
            register(key, "aux", [f for f in _conjugate(inf, irregular) if f])
        for f in ("habite",):
            hwords.add(f)
        # Names and places.
        self.adverbs = _entries(FUNCTION_ADVERBS)
        self.reporting = _entries(REPORTING)
        self.first_m = _entries(FIRST_NAMES_M)
        self.first_f = _entries(FIRST_NAMES_F)
        self.cities_fr = [c.lstrip("!") for c in _entries(CITIES_FR)]
        self.cities_world = [c.lstrip("!") for c in _entries(CITIES_WORLD)]
        self.countries = []
        for e in _entries(COUNTRIES) + _entries(REGIONS):
            g, name = e.split(" ", 1)
            asp = name.startswith("!")
            name = name.lstrip("!")
            if name[0] == "H" and not asp:
                hwords.add(name)
            v = name[0] in VOWELS or (name[0] == "H" and not asp)
            if g == "f":
                c = ("la " + name, "en " + name, False, True)
            elif g == "m":
                c = ("le " + name, ("en " if v else "au ") + name, False,
                     False)
            elif g == "p":
                c = ("les " + name, "aux " + name, True, False)
            elif g == "e":
                c = (name, "en " + name, False, False)
            else:
                c = (name, "à " + name, False, False)
            self.countries.append(c)
        self.orgs = []
        for e in _entries(ORGS):
            name, g = e.split("|")
            self.orgs.append((name, g == "f", g == "p"))
        self.ministries = _entries(MINISTRIES)
        self.newspapers = _entries(NEWSPAPERS)
        self.surnames = _entries(SURNAMES) + self._synthetic_surnames(4000)

        # Samplers.
        gen_nouns = self.nouns["gen"]
        self.s_noun_gen = Sampler.zipf(gen_nouns, 1.0, 2.0)
        self.s_noun_topic = {t: Sampler.zipf(self.nouns[t], 1.0, 1.0)
                             for t in TOPICS}
        self.s_noun_rare = Sampler.zipf(self.rare_nouns, 1.0, 3.0)
        self.s_adj_gen = Sampler.zipf(self.adjs["gen"], 1.0, 2.0)
        self.s_adj_topic = {t: Sampler.zipf(self.adjs[t], 1.0, 1.0)
                            for t in TOPICS}
        self.s_adj_pre = Sampler.zipf(self.pre_adjs, 1.0, 1.0)
        self.s_adj_rare = Sampler.zipf(self.rare_adjs, 1.0, 3.0)
        self.s_verb_gen = Sampler.zipf(self.verbs["gen"], 1.0, 2.0)
        self.s_verb_topic = {t: Sampler.zipf(self.verbs[t], 1.0, 1.0)
                             for t in TOPICS}
        self.s_adverb = Sampler.zipf(self.adverbs, 1.0, 3.0)
        self.s_reporting = Sampler.zipf(self.reporting, 1.0, 2.0)
        self.s_first_m = Sampler.zipf(self.first_m, 1.0, 5.0)
        self.s_first_f = Sampler.zipf(self.first_f, 1.0, 5.0)
        self.s_surname = Sampler.zipf(self.surnames, 1.25, 3.0)
        self.s_city_fr = Sampler.zipf(self.cities_fr, 1.0, 1.0)
        self.s_city_world = Sampler.zipf(self.cities_world, 1.0, 2.0)

        self.mixes = {}  # cache of Composer._mix
        hwords -= aspirated
        self.hmuet = sorted(w for w in hwords if w and w[0] in "hH")
        self.orgs = [(_elide_static(o[0], self.hmuet), o[1], o[2])
                     for o in self.orgs]
        self.ministries = [_elide_static(m, self.hmuet)
                           for m in self.ministries]
        self.countries = [(_elide_static(c[0], self.hmuet), c[1], c[2], c[3])
                          for c in self.countries]
        self.s_org = Sampler.zipf(self.orgs, 1.0, 3.0)
        self.s_ministry = Sampler.zipf(self.ministries, 1.0, 2.0)
        self.s_country = Sampler.zipf(self.countries, 1.0, 2.0)
        self.tail = WordTail(word_list, self.form_lemma) if word_list else None

    def keys_of(self, word):
        """Counting keys of a lower-case word: its lemma key, "prefix*"."""
        keys = []
        lemma = self.form_lemma.get(word)
        if lemma:
            keys.append(lemma)
        for p in PREFIX_CANDIDATES:
            if word.startswith(p):
                keys.append(p + "*")
                break
        return tuple(keys)

    @staticmethod
    def _synthetic_surnames(n):
        """n surnames made of syllables, from a fixed seed (not the user's)."""
        rng = random.Random(1990)
        heads = ("Ker", "Bel", "Mont", "Beau", "Val", "Ro", "Gar", "Mar",
                 "Ber", "Dal", "Fer", "Lan", "Ver", "Guill", "Bou", "Cha",
                 "Pel", "Sal", "Ter", "Vil", "Cor", "Mau", "Lam", "Cas", "Bra",
                 "Tré", "Pré", "Fon", "Gal", "Roc", "Quen", "Del", "Cam",
                 "Dur", "Jou", "Lab", "Mal", "Peyr", "Riv", "Tou", "Le")
        mids = ("ri", "la", "ma", "vi", "ro", "be", "no", "di", "ti", "lo",
                "mi", "pa", "ré", "gé", "do", "ca", "mé", "si", "vau", "fo")
        vtails = ("et", "ot", "ard", "ier", "in", "on", "aud", "eau", "ac",
                  "ou", "y", "ès", "ec", "oux", "ant", "ois", "ault", "enc",
                  "ille", "our", "aix", "erre", "ignac", "ol", "ède", "elin")
        ctails = ("det", "not", "rard", "lier", "vin", "ron", "gaud", "teau",
                  "zac", "rou", "ly", "tès", "nec", "loux", "zant", "vois",
                  "rault", "lenc", "ville", "four", "baix", "terre", "gnac",
                  "rol", "lède", "chelin", "mont", "bert", "quet", "dieu")
        seen = set()
        out = []
        while len(out) < n:
            head = heads[rng.getrandbits(16) % len(heads)]
            if rng.getrandbits(1):
                mid = mids[rng.getrandbits(16) % len(mids)]
                tail = ctails[rng.getrandbits(16) % len(ctails)]
            elif head[-1] in "aeiouéèy":
                mid, tail = "", ctails[rng.getrandbits(16) % len(ctails)]
            else:
                mid, tail = "", vtails[rng.getrandbits(16) % len(vtails)]
            name = head + mid + tail
            if rng.getrandbits(4) == 0 and head != "Le":
                name = "Le " + name
            if name not in seen:
                seen.add(name)
                out.append(name)
        return out


# ---------------------------------------------------------------------------
# Text composition

TOPIC_WEIGHTS = (18, 14, 14, 16, 12, 9, 8, 5, 4)  # in the order of TOPICS
SENTENCE_AVG_CHARS = 130
VSET = frozenset(VOWELS)
CONJUNCTIONS = (", mais", ", et", " alors que", ", car", " tandis que",
                ", puis", " lorsque", " puisque", ", même si")
PREPOSITIONS = ("pour", "avec", "sans", "contre", "après", "avant", "depuis",
                "pendant", "malgré", "selon", "face à", "en raison de",
                "à cause de", "grâce à", "lors de", "auprès de", "au sein de",
                "dans", "sur", "sous", "entre", "parmi", "vers", "par",
                "dans le cadre de", "à la suite de", "en faveur de")
SAY_PAST = ("a indiqué", "a affirmé", "a estimé", "a rappelé", "a assuré",
            "a annoncé", "explique", "estime", "assure", "juge", "a reconnu",
            "a précisé")


def _drawer(sampler, rnd):
    """A function drawing from sampler with the random source rnd."""
    items, cum, total = sampler.items, sampler.cum, sampler.total
    br = bisect.bisect_right
    return lambda: items[br(cum, rnd() * total)]


def _elider(hmuet):
    """el(word, rest): "word rest", or "w’rest" when rest starts with a vowel
    or a mute h ("que" + "il" -> "qu’il", "de" + "Alep" -> "d’Alep")."""
    hm = frozenset(hmuet)

    def el(word, rest):
        c = rest[0]
        if c in VSET or (c in "hH" and rest.split(" ", 1)[0].rstrip(",.") in hm):
            return word[:-1] + APOS + rest
        return word + " " + rest

    def de(x):
        """"de" + x, with du/des/d’."""
        if x[:3] == "le ":
            return "du " + x[3:]
        if x[:4] == "les ":
            return "des " + x[4:]
        if x[:4] == "des ":
            return el("de", x[4:])
        return el("de", x)

    def a(x):
        """"à" + x, with au/aux."""
        if x[:3] == "le ":
            return "au " + x[3:]
        if x[:4] == "les ":
            return "aux " + x[4:]
        return "à " + x

    return el, de, a


def _prep(prep, x, de, a):
    """A preposition (possibly ending with "de" or "à") + x."""
    if prep[-3:] == " de" or prep == "de":
        return (prep[:-3] + " " if len(prep) > 2 else "") + de(x)
    if prep[-2:] == " à" or prep == "à":
        return (prep[:-2] + " " if len(prep) > 1 else "") + a(x)
    return prep + " " + x


class Composer:
    """Composes articles from one random stream.

    article() returns (year, month, day, text): the text is the article
    without its date line.  Not thread-safe; owns no resource.
    """

    def __init__(self, lex, rng, avg_bytes):
        self.lex = lex
        self.rng = rng
        R = self.R = rng.random
        self.avg = avg_bytes
        self.el, self.de, self.a = _elider(lex.hmuet)
        d = lambda s: _drawer(s, R)  # noqa: E731
        self.d_tail = d(lex.tail.sampler) if lex.tail else None
        self.d_adj_pre = d(lex.s_adj_pre)
        self.d_verb_gen = d(lex.s_verb_gen)
        self.d_verb_topic = {t: d(s) for t, s in lex.s_verb_topic.items()}
        self.d_adverb = d(lex.s_adverb)
        self.d_reporting = d(lex.s_reporting)
        self.d_first_m = d(lex.s_first_m)
        self.d_first_f = d(lex.s_first_f)
        self.d_surname = d(lex.s_surname)
        self.d_city_fr = d(lex.s_city_fr)
        self.d_city_world = d(lex.s_city_world)
        self.d_country = d(lex.s_country)
        self.d_org = d(lex.s_org)
        self.d_ministry = d(lex.s_ministry)
        self.d_topic = d(Sampler(TOPICS, TOPIC_WEIGHTS))
        years = list(range(1990, 2026))
        self.d_year = d(Sampler(years, [10 + (y - 1990) for y in years]))
        self.be, self.have, self.go = lex.be, lex.have, lex.go
        self.modals = lex.modals
        self.br = bisect.bisect_right
        self._mixes = lex.mixes

    # -- small helpers -----------------------------------------------------

    def pick(self, seq):
        return seq[int(self.R() * len(seq))]

    def _mix(self, key, parts):
        """A sampler mixing samplers with shares: [(share, sampler), ...]."""
        m = self._mixes.get(key)
        if m is None:
            items, weights = [], []
            for share, smp in parts:
                items += smp.items
                prev = 0.0
                for c in smp.cum:
                    weights.append(share * (c - prev) / smp.total)
                    prev = c
            m = Sampler(items, weights)
            m = self._mixes[key] = (m.items, m.cum, m.total)
        return m

    def noun(self):
        """A noun: (singular, plural, feminine, starts with a vowel, topic).

        With a word tail, TAIL_NOUN_SHARE of the nouns are tail words
        (invariable; feminine when they end in e); without one, exactly one
        random number is drawn, as in version 1.
        """
        R = self.R
        if self.d_tail is not None and R() < TAIL_NOUN_SHARE:
            w = self.d_tail()
            return (w, w, w[-1] == "e", w[0] in VSET, "tail")
        return self.n_items[self.br(self.n_cum, R() * self.n_total)]

    def adj(self):
        """An adjective: (ms, fs, mp, fp, ms before a vowel, vowel, before).

        With a word tail, TAIL_ADJ_SHARE of them are tail words (invariable).
        """
        R = self.R
        if self.d_tail is not None and R() < TAIL_ADJ_SHARE:
            w = self.d_tail()
            return (w, w, w, w, w, w[0] in VSET, False)
        return self.a_items[self.br(self.a_cum, R() * self.a_total)]

    def verb(self):
        return self.v_items[self.br(self.v_cum, self.R() * self.v_total)]

    def number(self, digits_max=7):
        R = self.R
        k = 1 + int(R() * digits_max)
        lo = 10 ** (k - 1)
        return lo + int(R() * (9 * lo))

    def fmt_int(self, n):
        if n < 1000 or (n < 10000 and self.R() < 0.5):
            return str(n)
        return format(n, ",").replace(",", self.sep)

    def percent(self):
        R = self.R
        return "%d,%d%s%%" % (int(R() * 40), int(R() * 10), self.pct_space)

    def money(self):
        R = self.R
        cur = self.currency
        u = R()
        if u < 0.4:
            return "%s %s" % (self.fmt_int(self.number(6) + 100), cur)
        unit = "millions" if u < 0.8 else "milliards"
        return "%d,%d %s %s" % (1 + int(R() * 950), int(R() * 10), unit,
                                self.el("de", cur))

    def time_expr(self):
        R = self.R
        e = TIME_EXPRESSIONS[int(R() * len(TIME_EXPRESSIONS))]
        if "{" not in e:
            return e
        y = self.year
        return e.format(wd=WEEKDAYS[int(R() * 7)], year=y,
                        year0=y - 1 - int(R() * 6), year1=y + 1 + int(R() * 4),
                        day=("1er" if R() < 0.05 else str(2 + int(R() * 27))),
                        month=MONTHS[int(R() * 12)])

    # -- noun phrases --------------------------------------------------------

    def np(self, kind="d", comp=True):
        """A noun phrase; kind: d (le), i (un), x (ce), p (son), q (quantity).

        Returns (text, plural, feminine).
        """
        R = self.R
        n = self.noun()
        if kind == "q":
            while n[1] is None:
                n = self.noun()
            pl = True
        else:
            pl = R() < 0.3 and n[1] is not None
        fem = n[2]
        head = n[1] if pl else n[0]
        v = n[3]
        u = R()
        if u < 0.27:
            head = head + " " + self.adj()[2 * pl + fem]
        elif u < 0.35:
            a = self.d_adj_pre()
            if pl:
                w = a[3] if fem else a[2]
                if kind == "i":
                    kind = "de"
            elif fem:
                w = a[1]
            else:
                w = a[4] if v else a[0]
            head = w + " " + head
            v = a[5]
        elif u < 0.49 and comp:
            head = head + " " + self.complement()
        if kind == "d":
            if pl:
                return "les " + head, pl, fem
            if v:
                return "l’" + head, pl, fem
            return ("la " if fem else "le ") + head, pl, fem
        if kind == "i":
            det = "des" if pl else ("une" if fem else "un")
        elif kind == "x":
            det = "ces" if pl else ("cette" if fem else ("cet" if v else "ce"))
        elif kind == "p":
            if R() < 0.25:
                det = "leurs" if pl else "leur"
            else:
                det = "ses" if pl else ("sa" if fem and not v else "son")
        elif kind == "q":
            u = R()
            if u < 0.3:
                det = self.pick(NUMBER_WORDS)
            elif u < 0.5:
                det = self.fmt_int(self.number(5) + 1)
            elif u < 0.65:
                det = "plusieurs"
            elif u < 0.8:
                det = "quelques"
            elif u < 0.9:
                det = "de nombreuses" if fem else "de nombreux"
            else:
                det = "certaines" if fem else "certains"
        else:
            return ("d’" if v else "de ") + head, pl, fem
        return det + " " + head, pl, fem

    def complement(self):
        """A complement of a noun: "de la ville", "d’Alep", "en 2015"..."""
        R = self.R
        u = R()
        if u < 0.55:
            return self.de(self.np("d", False)[0])
        if u < 0.70:
            return self.de(self.place_city())
        if u < 0.80:
            return self.de(self.place_country()[0])
        if u < 0.88:
            return "en " + str(self.year - int(R() * 5))
        if u < 0.94:
            return "de " + self.fmt_int(self.number(6) + 1) + " " + self.currency
        return self.de(self.org()[0])

    def place_city(self):
        if self.R() < 0.65:
            return self.city
        return self.d_city_fr() if self.t1 != "intl" else self.d_city_world()

    def place_country(self):
        if self.R() < 0.5:
            return self.country
        return self.d_country()

    def org(self):
        if self.R() < 0.6:
            return self.main_org
        return self.d_org()

    def person(self):
        """A mention of one of the article's people: (text, feminine)."""
        R = self.R
        p = self.cast[int(R() * R() * len(self.cast))]
        first, last, fem, title = p
        if p not in self.mentioned:
            self.mentioned.append(p)
            if title and R() < 0.7:
                if R() < 0.5:
                    return "%s %s, %s," % (first, last, title), fem
                art = "l’" if title[0] in VSET else ("la " if fem else "le ")
                return "%s%s, %s %s," % (art, title, first, last), fem
            return first + " " + last, fem
        u = R()
        if u < 0.45:
            return ("Mme " if fem else "M. ") + last, fem
        if u < 0.7 or not title:
            return first + " " + last, fem
        t = title.split(" de ")[0].split(" du ")[0].split(" des ")[0].split(
            " d’")[0].split(" au ")[0].split(" à ")[0]
        art = "l’" if t[0] in VSET else ("la " if fem else "le ")
        return art + t, fem

    def make_person(self):
        R = self.R
        fem = R() < 0.42
        first = self.d_first_f() if fem else self.d_first_m()
        last = self.d_surname()
        if R() < 0.6:
            m, f, comp = TITLES[int(R() * R() * len(TITLES))]
            t = f if fem else m
            de = self.de
            if comp == "ministry":
                t = t + " " + self.d_ministry()
            elif comp in ("city", "club"):
                t = t + " " + de(self.city)
            elif comp == "region":
                t = t + " " + de(self.d_country()[0])
            elif comp == "org":
                t = t + " " + de(self.org()[0])
            elif comp == "family":
                t = t + " de la famille"
            elif comp == "lab":
                t = t + " " + self.pick(("au CNRS", "au laboratoire " + de(
                    self.city), "au centre de recherche " + de(self.city)))
            elif comp == "hospital":
                t = t + " à l’hôpital " + de(self.city)
            elif comp == "opposition":
                t = t + " de l’opposition"
            return (first, last, fem, t)
        return (first, last, fem, None)

    # -- verbs ---------------------------------------------------------------

    def vp(self, pl, fem, depth=0, person=3):
        """A verb phrase agreeing with a subject (3rd person, or 1 = je/nous)."""
        R = self.R
        el = self.el
        v = self.verb()
        cls = v[CLS]
        if v[PRON]:
            se = ("nous" if pl else "me") if person == 1 else "se"
        else:
            se = None
        neg = R() < 0.07
        adv = self.d_adverb() if R() < 0.12 else None
        u = R()
        if person == 1:
            idx = P1P if pl else P1S
        else:
            idx = P3P if pl else P3S
        if u < 0.30:  # present
            out = el(se, v[idx]) if se else v[idx]
            if neg:
                out = el("ne", out) + " pas"
            if adv:
                out += " " + adv
        elif u < 0.62:  # passé composé
            if se or cls == "e":
                aux = self.be[idx]
                pp = v[PPMS + 2 * pl + fem]
            else:
                aux = self.have[idx]
                pp = v[PPMS]
            out = el(se, aux) if se else aux
            if neg:
                out = el("ne", out) + (" jamais " if R() < 0.2 else " pas ") + pp
            elif adv:
                out += " " + adv + " " + pp
            else:
                out += " " + pp
        elif u < 0.70:  # imparfait
            fin = v[IMP3P if pl else IMP3S] if person == 3 else v[idx]
            out = el(se, fin) if se else fin
            if neg:
                out = el("ne", out) + " plus"
        elif u < 0.79:  # futur
            if person == 1:
                fin = v[FUT1P if pl else FUT1S]
            else:
                fin = v[FUT3P if pl else FUT3S]
            out = el(se, fin) if se else fin
            if neg:
                out = el("ne", out) + " pas"
        elif u < 0.84:  # conditionnel
            fin = v[COND3P if pl else COND3S] if person == 3 else v[idx]
            out = el(se, fin) if se else fin
        elif u < 0.92:  # modal + infinitive
            m = self.modals[int(R() * 3)]
            mf = m[COND3P if pl else COND3S] if (
                person == 3 and R() < 0.35) else m[idx]
            inf = el(se, v[INF]) if se else v[INF]
            out = (el("ne", mf) + " pas " + inf) if neg else (mf + " " + inf)
        elif u < 0.95 and v[PS3S] and person == 3:  # passé simple
            fin = v[PS3P if pl else PS3S]
            out = el(se, fin) if se else fin
        elif cls == "t" and person == 3 and u < 0.975:  # passive
            out = self.have[idx] + " été " + v[PPMS + 2 * pl + fem]
            if R() < 0.5:
                return out + " par " + self.np(self.pick("ddi"))[0]
            return out
        else:  # futur proche
            out = self.go[idx] + " " + (el(se, v[INF]) if se else v[INF])
        # Complements.
        if cls == "t" or (cls == "d" and (depth > 0 or R() < 0.55)):
            u = R()
            k = "d" if u < 0.55 else ("i" if u < 0.85 else (
                "x" if u < 0.92 else "p"))
            out += " " + self.np(k)[0]
        elif cls == "d":
            out += " " + el("que", self.clause(depth + 1))
        elif cls == "c":
            if R() < 0.6:
                out += " " + self.adj()[2 * pl + fem]
            else:
                out += " " + self.np("i")[0]
        elif R() < 0.6:
            out += " " + self.pp()
        if R() < 0.22:
            out += " " + self.pp()
        return out

    def pp(self):
        """A prepositional phrase or an adverbial of time or place."""
        R = self.R
        u = R()
        if u < 0.18:
            return self.time_expr()
        if u < 0.30:
            return "à " + self.place_city()
        if u < 0.40:
            return self.place_country()[1]
        if u < 0.48:
            return _prep(self.pick(PREPOSITIONS),
                         self.np(self.pick("ddddip"))[0], self.de, self.a)
        if u < 0.62:
            return self.de(self.np("d")[0])
        if u < 0.73:
            return self.a(self.np("d")[0])
        if u < 0.86:
            return self.pick(("dans", "pour", "sur", "avec", "par")) + " " + \
                self.np(self.pick("ddip"))[0]
        if u < 0.92:
            return "de " + self.percent()
        return self.pick(("pour un montant de", "à hauteur de", "soit",
                          "pour près de", "évalué à")) + " " + self.money()

    # -- clauses and sentences -----------------------------------------------

    def subject(self):
        """(text, plural, feminine, pronoun or None)."""
        R = self.R
        u = R()
        if u < 0.36:
            t, pl, fem = self.np(self.pick("ddddx"))
            return t, pl, fem, None
        if u < 0.52:
            t, fem = self.person()
            return t, False, fem, None
        if u < 0.61:
            t, fem, pl = self.org()
            return t, pl, fem, None
        if u < 0.76:
            p = self.pick(("il", "il", "elle", "ils", "elles", "on", "il"))
            return p, p in ("ils", "elles"), p in ("elle", "elles"), p
        if u < 0.84:
            t, pl, fem = self.np("i")
            return t, pl, fem, None
        if u < 0.91:
            if R() < 0.5:
                return self.place_city(), False, False, None
            c = self.place_country()
            return c[0], c[2], c[3], None
        t, pl, fem = self.np("q")
        return t, pl, fem, None

    def clause(self, depth=0):
        s, pl, fem, _ = self.subject()
        return s + " " + self.vp(pl, fem, depth)

    def quote(self):
        R = self.R
        if R() < 0.35:
            pl = R() < 0.5
            vp = self.vp(pl, False, 1, person=1)
            inner = ("nous " + vp) if pl else self.el("je", vp)
        else:
            inner = self.clause(1)
        q = self.q_open + inner[0].upper() + inner[1:] + self.q_close
        u = R()
        rep = self.d_reporting()
        if u < 0.4:
            pron = "elle" if self.cast[0][2] else "il"
            tail = rep + ("-" if rep[-1] in "td" else "-t-") + pron
        elif u < 0.7:
            tail = rep + " " + self.person()[0].rstrip(",")
        elif u < 0.85:
            tail = rep + " " + self.np("i")[0]
        else:
            p = self.cast[int(R() * len(self.cast))]
            tail = "a déclaré " + ("Mme " if p[2] else "M. ") + p[1]
        return q + ", " + tail + "."

    def sentence(self):
        R = self.R
        el = self.el
        u = R()
        if u < 0.36:
            s = self.clause()
        elif u < 0.48:
            return self.quote()
        elif u < 0.55:
            s = self.person()[0] + " " + el(self.pick(SAY_PAST) + " que",
                                           self.clause(1))
        elif u < 0.64:
            lead = self.time_expr() if R() < 0.6 else (
                "à " + self.place_city() if R() < 0.5 else
                self.place_country()[1])
            s = lead + ", " + self.clause()
        elif u < 0.70:
            src = self.person()[0].rstrip(",") if R() < 0.5 else self.org()[0]
            s = self.pick(("selon", "d’après", "pour")) + " " + src + ", " + \
                self.clause()
        elif u < 0.77:
            s = self.number_sentence()
        elif u < 0.83:
            c = self.pick(CONJUNCTIONS)
            s = self.clause() + (el(c, self.clause(1)) if c[-3:] == "que"
                                 else c + " " + self.clause(1))
        elif u < 0.88:
            sj, pl, fem = self.np("d")
            s = sj + " qui " + self.vp(pl, fem, 1) + " " + self.vp(pl, fem, 1)
        elif u < 0.93:
            x, xpl, _ = self.np(self.pick("ddi"))
            k = int(R() * 5)
            if k == 0:
                s = "il s’agit " + self.de(x)
            elif k == 1:
                s = ("ce sont " if xpl else "c’est ") + x
            elif k == 2:
                s = "il y a " + x
            elif k == 3:
                s = "il faut aussi compter avec " + x
            else:
                s = "reste la question " + self.de(x)
        elif u < 0.95:
            s = self.pick(("comment expliquer ", "faut-il craindre ",
                           "qui paiera ", "jusqu’où ira ", "pourquoi ")
                          ) + self.np("d")[0]
            return s[0].upper() + s[1:] + self.q_space + "?"
        elif u < 0.97:
            s = self.clause()
            return s[0].upper() + s[1:] + "…"
        else:
            t, pl, fem = self.np("d")
            s = t + " " + self.vp(pl, fem) + " (" + self.np("i")[0] + ")"
        return s[0].upper() + s[1:] + "."

    def number_sentence(self):
        R = self.R
        u = R()
        if u < 0.3:
            return "%s %s %s %s" % (
                self.pick(("près de", "plus de", "environ", "quelque",
                           "moins de")),
                self.fmt_int(self.number(6) + 10),
                self.pick(("personnes ont manifesté",
                           "habitants ont été évacués",
                           "emplois sont menacés", "visiteurs sont attendus",
                           "spectateurs ont assisté à la rencontre",
                           "logements ont été construits",
                           "élèves sont concernés",
                           "foyers sont privés d’électricité",
                           "exemplaires ont été vendus",
                           "cas ont été recensés")), self.pp())
        if u < 0.55:
            t, pl, fem = self.np("d")
            return "%s %s de %s %s" % (
                t, self.pick(("a reculé", "a progressé", "a augmenté",
                              "a chuté", "a grimpé", "a baissé")) if not pl
                else self.pick(("ont reculé", "ont progressé", "ont augmenté",
                                "ont chuté")), self.percent(), self.time_expr())
        if u < 0.8:
            if R() < 0.4:
                t, pl, fem = self.np("d")
                return "%s %s %s" % (t, "coûtent" if pl else "coûte",
                                     self.money())
            return "le budget %s atteint %s" % (
                self.de(self.np("d", False)[0]), self.money())
        return "en %d, %s" % (self.year - 1 - int(R() * 10), self.clause())

    def heading(self):
        R = self.R
        u = R()
        n = self.noun()
        de = self.de
        if u < 0.25:
            a = self.adj()
            s = ("l’" if n[3] else ("la " if n[2] else "le ")) + n[0] + " " + \
                a[n[2]]
        elif u < 0.4 and n[1]:
            s = "des " + n[1] + " " + self.adj()[2 + n[2]]
        elif u < 0.5:
            s = _prep(self.pick(("vers", "après", "face à", "derrière",
                                 "autour de")), self.np("d", False)[0], de,
                      self.a)
        elif u < 0.6:
            s = "les enjeux " + de(self.np("d", False)[0])
        elif u < 0.68:
            s = "quel avenir pour " + self.np("d", False)[0]
        elif u < 0.76:
            s = "%d, l’année %s" % (self.year, de(self.np("d", False)[0]))
        elif u < 0.84:
            s = ("une " if n[2] else "un ") + n[0] + " " + self.complement()
        elif u < 0.92:
            s = ("la plus grande " if n[2] else "le plus grand ") + n[0] + " " + \
                self.complement()
        else:
            s = self.city + " : " + self.np("d", False)[0]
        return s[0].upper() + s[1:]

    def lead_sentence(self):
        """The first sentence: who did what, when (the derived title)."""
        R = self.R
        s, pl, fem, _ = self.subject()
        v = self.t1_verb() if R() < 0.5 else self.d_verb_gen()
        while v[CLS] not in "td" or v[PRON]:
            v = self.d_verb_gen()
        obj = self.np(self.pick("ddi"))[0]
        verb = "%s %s" % (self.have[P3P if pl else P3S], v[PPMS])
        u = R()
        if u < 0.5:
            first = "%s %s %s %s" % (s, verb, self.time_expr(), obj)
        elif u < 0.7:
            first = "%s, %s %s %s" % (self.time_expr(), s, verb, obj)
        elif u < 0.85:
            first = "%s %s %s %s" % (s, verb, obj, self.time_expr())
        else:
            first = "%s %s %s" % (s, v[P3P if pl else P3S], obj)
        if R() < 0.4:
            first += " " + self.pp()
        return first[0].upper() + first[1:] + "."

    # -- articles ------------------------------------------------------------

    def article(self):
        R = self.R
        lex = self.lex
        # Topics, date, typography and cast of this article.
        self.t1 = t1 = self.d_topic()
        t2 = self.d_topic()
        self.t1_verb = self.d_verb_topic[t1]
        self.n_items, self.n_cum, self.n_total = self._mix(
            ("n", t1, t2), ((0.40, lex.s_noun_topic[t1]),
                            (0.10, lex.s_noun_topic[t2]),
                            (0.0024, lex.s_noun_rare),
                            (0.4976, lex.s_noun_gen)))
        self.a_items, self.a_cum, self.a_total = self._mix(
            ("a", t1), ((0.30, lex.s_adj_topic[t1]), (0.0025, lex.s_adj_rare),
                        (0.6975, lex.s_adj_gen)))
        self.v_items, self.v_cum, self.v_total = self._mix(
            ("v", t1, t2), ((0.30, lex.s_verb_topic[t1]),
                            (0.06, lex.s_verb_topic[t2]),
                            (0.64, lex.s_verb_gen)))
        year = self.year = self.d_year()
        month = 1 + int(R() * 12)
        day = 1 + int(R() * calendar.monthrange(year, month)[1])
        if year < 2002:
            self.currency = "francs" if R() < 0.85 else "dollars"
        else:
            self.currency = "euros" if R() < 0.85 else "dollars"
        u = R()
        self.apos = 0 if u < 0.72 else (1 if u < 0.87 else 2)
        u = R()
        space = " " if u < 0.6 else (NBSP if u < 0.9 else NNBSP)
        self.q_open = "«" + space
        self.q_close = space + "»"
        self.q_space = space
        self.pct_space = " " if u < 0.6 else NBSP
        u = R()
        self.sep = " " if u < 0.7 else (NBSP if u < 0.82 else (
            NNBSP if u < 0.92 else "."))
        self.city = self.d_city_world() if (t1 == "intl" and R() < 0.7) else \
            self.d_city_fr()
        self.country = self.d_country() if R() < 0.5 else lex.countries[0]
        self.main_org = self.d_org()
        self.cast = [self.make_person() for _ in range(1 + int(R() * 4))]
        self.mentioned = []
        # Length plan: blocks of text, some headings among them.
        target = self.avg * self.rng.triangular(0.25, 2.0, 0.75)
        chars = target - 14
        n_par = min(12, max(3, int(target / 480 + R() * 2.5)))
        n_head = 0
        if n_par >= 5 and R() < 0.4:
            n_head = 1 + int(R() * min(3, (n_par - 3) // 2))
            n_par = min(n_par, 12 - n_head)
        weights = [0.6 + R() for _ in range(n_par)]
        scale = chars / sum(weights)
        head_at = set()
        while len(head_at) < n_head:
            head_at.add(2 + int(R() * (n_par - 2)))
        half = SENTENCE_AVG_CHARS // 2
        blocks = []
        sentence = self.sentence
        for i in range(n_par):
            if i in head_at:
                blocks.append(self.heading())
            budget = weights[i] * scale - half
            if i == 0:
                sents = [self.lead_sentence()]
                n = len(sents[0])
            else:
                sents = []
                n = 0
            while n < budget or not sents:
                s = sentence()
                sents.append(s)
                n += len(s) + 1
            blocks.append(" ".join(sents))
        text = "\n\n".join(blocks)
        if self.apos == 1:
            text = text.replace(APOS, "'")
        elif self.apos == 2:
            text = APOS_RE.sub(lambda m: "'" if R() < 0.4 else APOS, text)
        return year, month, day, text


APOS_RE = re.compile(APOS)


def _elide_static(text, hmuet):
    """Contractions and elisions of a fixed string ("de le Intérieur")."""
    hm = "|".join(sorted(hmuet, key=len, reverse=True))
    vstart = "(?:[%s]|(?:%s)\\b)" % (VOWELS, hm)
    for rx, rep in (
            (r"\b([Dd])e les\b", r"\1es"),
            (r"\b([Dd])e le (?!%s)" % vstart, r"\1u "),
            (r"\bà les\b", "aux"),
            (r"\bà le (?!%s)" % vstart, "au "),
            (r"\b(?:([DdJjMmNnSsTtCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)e|"
             r"([Ll])[ea]) (?=%s)" % vstart, r"\1\2" + APOS)):
        text = re.sub(rx, rep, text)
    return text


# ---------------------------------------------------------------------------
# Files: date lines, layout, document frequencies



def _slug(title):
    import unicodedata
    t = unicodedata.normalize("NFKD", title.lower()).encode("ascii", "ignore")
    return re.sub(r"[^a-z0-9]+", "-", t.decode()).strip("-")[:60]


def _wrap(text, width):
    """Hard-wraps every paragraph of text at width columns."""
    out = []
    for para in text.split("\n\n"):
        lines, cur = [], ""
        for w in para.split(" "):
            if cur and len(cur) + 1 + len(w) > width:
                lines.append(cur)
                cur = w
            else:
                cur = cur + " " + w if cur else w
        lines.append(cur)
        out.append("\n".join(lines))
    return "\n\n".join(out)


def pair_candidates(lex):
    """Pairs of frequent nouns of one topic (for the AND query), in order."""
    pairs = []
    for topic in ("gen",) + TOPICS:
        top = [n[0] for n in lex.nouns[topic]
               if n[1] and " " not in n[0] and "-" not in n[0]][:4 if topic == "gen" else 3]
        for i in range(len(top)):
            for j in range(i + 1, len(top)):
                pairs.append((top[i], top[j]))
    return pairs


class BlockStats:
    """Counts of one block of articles (merged by the parent)."""

    def __init__(self):
        self.files = 0
        self.bytes = 0
        self.undated = 0
        self.df = Counter()  # word form -> articles
        self.key_df = Counter()  # lemma key or "prefix*" -> articles
        self.phrase_df = Counter()
        self.pair_df = Counter()
        self.vocab = {}  # articles -> distinct words in the first articles

    def merge(self, o):
        self.files += o.files
        self.bytes += o.bytes
        self.undated += o.undated
        self.df.update(o.df)
        self.key_df.update(o.key_df)
        self.phrase_df.update(o.phrase_df)
        self.pair_df.update(o.pair_df)
        self.vocab.update(o.vocab)


def block_seed(seed, block):
    h = hashlib.sha256(("newsidx-gen:%d:%d" % (seed, block)).encode())
    return int.from_bytes(h.digest(), "big")


def date_line(comp, year, month, day):
    """(header text or None when undated, wrapped-able)."""
    R = comp.R
    u = R()
    if u < 0.010:
        return None
    if u < 0.015:
        d = "%04d" % year
    elif u < 0.80:
        d = "%04d-%02d" % (year, month)
    elif u < 0.93:
        d = "%04d-%02d-%02d" % (year, month, day)
    elif u < 0.975:
        names = MONTHS_ASCII if R() < 0.15 else MONTHS
        mname = names[month - 1]
        if u < 0.955:
            d = "%s %s %d" % ("1er" if day == 1 else str(day), mname, year)
        elif u < 0.965:
            wd = WEEKDAYS[datetime.date(year, month, day).weekday()]
            d = "%s %d %s %d" % (wd, day, mname, year)
        else:
            d = "%s %d" % (mname, year)
        if R() < 0.1:
            d = d.capitalize()
    elif u < 0.985:
        d = "%02d/%02d/%04d" % (day, month, year)
    elif u < 0.99:
        d = "%04d/%02d/%02d" % (year, month, day)
    else:
        return ""  # metadata lines, see document()
    w = R()
    kw = " date " if w < 0.85 else ("date " if w < 0.93 else (
        "Date: " if w < 0.97 else "DATE "))
    return kw + d + " "


def document(comp, index):
    """(folder, file content) of article number index (0-based)."""
    year, month, day, text = comp.article()
    R = comp.R
    head = date_line(comp, year, month, day)
    lot = index // LOT
    if head is None:
        folder = "sans-date/%03d" % (index // 200_000)
        content = text
    else:
        folder = "%04d/%02d" % (year, month)
        if lot:
            folder += "/lot-%02d" % lot
        if head:
            content = head + text
        else:
            title = comp.heading()
            first = comp.d_first_f() if R() < 0.42 else comp.d_first_m()
            content = (
                "titre: %s\nauteur: %s %s\nsource: %s\n"
                "url: https://www.example.org/%04d/%02d/%s-%d.html\n"
                "date: %04d-%02d-%02d\n%s" % (
                    title, first, comp.d_surname(), comp.pick(
                        comp.lex.newspapers), year, month, _slug(title),
                    index + 1, year, month, day, text))
    if R() < 0.03:
        content = _wrap(content, 72 + int(R() * 8))
    return folder, content + "\n"


_LEX = None


def _lexicon(word_list=None):
    """The Lexicon of this process, built on first use (with word_list)."""
    global _LEX
    if _LEX is None:
        _LEX = Lexicon(word_list)
    return _LEX


def run_block(job):
    """Writes one block of articles; returns its BlockStats."""
    out_dir, seed, block, n_articles, avg_bytes, width, word_list = job
    lex = _lexicon(word_list)
    comp = Composer(lex, random.Random(block_seed(seed, block)), avg_bytes)
    st = BlockStats()
    form_keys = lex.form_keys
    fk_get = form_keys.get
    phrases = [(p, max(p.replace("’", " ").split(" "), key=len))
               for p in PHRASE_CANDIDATES]
    chain = itertools.chain.from_iterable
    pairs = pair_candidates(lex)
    pair_words = frozenset(w for p in pairs for w in p)
    made = set()
    df, key_df = st.df, st.key_df
    phrase_df, pair_df = st.phrase_df, st.pair_df
    start = block * BLOCK
    for i in range(start, min(n_articles, start + BLOCK)):
        folder, content = document(comp, i)
        d = os.path.join(out_dir, folder)
        if folder not in made:
            os.makedirs(d, exist_ok=True)
            made.add(folder)
        data = content.encode("utf-8")
        fd = os.open(os.path.join(d, "%0*d.txt" % (width, i + 1)),
                     os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        st.files += 1
        st.bytes += len(data)
        if folder[0] == "s":
            st.undated += 1
        low = content.lower()
        words = set(WORD_RE.findall(low))
        df.update(words)
        if i + 1 in EARLY_POINTS:
            st.vocab[i + 1] = len(df)
        new = words.difference(form_keys)
        if new:
            for w in new:
                form_keys[w] = lex.keys_of(w)
        key_df.update(set(chain(map(fk_get, words))))
        norm = None
        for p, w in phrases:
            if w in words:
                if norm is None:
                    norm = low.replace("'", APOS).replace("\n", " ")
                if p in norm:
                    phrase_df[p] += 1
        h = words & pair_words
        if len(h) > 1:
            for p in pairs:
                if p[0] in h and p[1] in h:
                    pair_df[p] += 1
    return st


# ---------------------------------------------------------------------------
# Query terms

def _closest(cands, target):
    """The (df, key) pair of cands whose df is closest to target (ties: key)."""
    best = None
    for df, key in cands:
        if df < 1:
            continue
        k = (abs(df - target), key)
        if best is None or k < best[0]:
            best = (k, df, key)
    return None if best is None else (best[1], best[2])


def choose_queries(lex, st):
    """Query terms for the benchmark, from the counts of the whole corpus."""
    n = max(1, st.files)
    frac = lambda df: round(df / n, 6)  # noqa: E731
    df, ldf = st.df, st.key_df
    q = {}

    def single(form, key):
        return (" " not in form and "-" not in form and "’" not in form
                and lex.form_lemma.get(form) == key)

    # Rare: a rare word whose lemma (all its forms) is in ~0.1 % of articles.
    cands = []
    for key in sorted(lex.lemma_kind):
        if lex.lemma_kind[key] == "rare":
            form = lex.lemma_forms[key][0]
            if single(form, key) and df[form] > 0:
                cands.append((ldf[key], form))
    r = _closest(cands, max(1.0, 0.001 * n))
    if r:
        q["rare"] = {"query": r[1], "df": r[0], "fraction": frac(r[0]),
                     "df_form": df[r[1]]}
    # Common: a noun whose lemma is in 30 % or more of the articles.
    cands = []
    for key in sorted(lex.lemma_kind):
        if lex.lemma_kind[key] == "noun":
            form = lex.lemma_forms[key][0]
            if len(form) >= 4 and single(form, key):
                cands.append((ldf[key], form))
    big = [c for c in cands if c[0] >= 0.3 * n]
    r = _closest(big, 0.4 * n) if big else max(cands, default=None)
    if r:
        q["common"] = {"query": r[1], "df": r[0], "fraction": frac(r[0]),
                       "df_form": df[r[1]]}
    # AND pair: two words of one topic, found together in ~5 % of articles.
    r = _closest([(c, " ".join(p)) for p, c in sorted(st.pair_df.items())],
                 max(1.0, 0.05 * n))
    if r:
        a, b = r[1].split(" ")
        q["and_pair"] = {"query": r[1], "terms": [a, b], "df": r[0],
                         "fraction": frac(r[0]), "df_terms": [df[a], df[b]]}
    # Phrase: a multi-word expression found in ~2 % of articles.
    r = _closest([(c, p) for p, c in sorted(st.phrase_df.items())],
                 max(1.0, 0.02 * n))
    if r:
        q["phrase"] = {"query": '"%s"' % r[1], "phrase": r[1], "df": r[0],
                       "fraction": frac(r[0])}
    # Prefix: shared by words of several lemmas, in ~10 % of articles.
    r = _closest([(c, p[:-1]) for p, c in sorted(st.key_df.items())
                  if p[-1] == "*"], max(1.0, 0.10 * n))
    if r:
        words = sorted(w for w in df if w.startswith(r[1]))
        q["prefix"] = {"query": r[1] + "*", "prefix": r[1], "df": r[0],
                       "fraction": frac(r[0]), "words": len(words),
                       "examples": words[:12]}
    # Inflected: a plural noun whose singular occurs too, in ~5 % of articles.
    cands = []
    for key in sorted(lex.lemma_kind):
        if lex.lemma_kind[key] != "noun":
            continue
        forms = lex.lemma_forms[key]
        if len(forms) == 2 and single(forms[0], key) and single(forms[1], key) \
                and df[forms[0]] > 0:
            cands.append((df[forms[1]], key))
    r = _closest(cands, max(1.0, 0.05 * n))
    if r:
        sg, pl = lex.lemma_forms[r[1]]
        q["inflected"] = {"query": pl, "df": r[0], "fraction": frac(r[0]),
                          "other_forms": [sg], "df_other_forms": [df[sg]],
                          "df_lemma": ldf[r[1]]}
    return q


# ---------------------------------------------------------------------------
# Command line

def _parse_args(argv):
    ap = argparse.ArgumentParser(
        prog="gen_corpus.py",
        description="Writes N deterministic French-like news articles in the "
        "newsidx input format under OUT_DIR (OUT_DIR/YYYY/MM/NNNNNNN.txt, "
        "undated ones under OUT_DIR/sans-date/), then OUT_DIR/queries.json "
        "with query terms chosen from the generated text (also printed on "
        "stderr with a summary).  Same arguments, same bytes, whatever the "
        "machine or --jobs.",
        epilog="queries.json: rare (~0.1% of articles), common (~40%), "
        "and_pair (two words, ~5% together), phrase (~2%), prefix (query "
        "'prefix*', ~10%), inflected (a plural whose singular also occurs, "
        "~5%); each with its document frequency, counted on word forms as "
        "written.  See bench/README.md.")
    ap.add_argument("out_dir", metavar="OUT_DIR")
    ap.add_argument("--articles", type=int, required=True, metavar="N",
                    help="number of articles to write")
    ap.add_argument("--seed", type=int, default=1, metavar="S",
                    help="random seed (default 1)")
    ap.add_argument("--avg-bytes", type=int, default=4000, metavar="B",
                    help="average article size in bytes (default 4000; "
                    "sizes vary from B/4 to 2B)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    metavar="J", help="worker processes (default: all "
                    "cores); does not change the output")
    ap.add_argument("--vocabulary", choices=("real", "embedded"),
                    default="real",
                    help="real (default): the embedded vocabulary plus a "
                    "Zipf tail of the words of --words, so that the "
                    "vocabulary grows as in real news; embedded: the "
                    "embedded vocabulary alone (the files of version 1)")
    ap.add_argument("--words", default=WORD_LIST, metavar="FILE",
                    help="word list of the tail, one word a line (default "
                    "%s, Debian package wfrench)" % WORD_LIST)
    ap.add_argument("--force", action="store_true",
                    help="write into OUT_DIR even if it is not empty "
                    "(existing files of the same names are replaced, others "
                    "kept)")
    ap.add_argument("--quiet", action="store_true",
                    help="no progress and no summary on stderr")
    a = ap.parse_args(argv)
    if a.articles < 1:
        ap.error("--articles must be at least 1")
    if a.avg_bytes < 400:
        ap.error("--avg-bytes must be at least 400")
    if a.jobs < 1:
        ap.error("--jobs must be at least 1")
    return a


def main(argv=None):
    a = _parse_args(sys.argv[1:] if argv is None else argv)
    out = os.path.abspath(a.out_dir)
    if os.path.isdir(out) and os.listdir(out) and not a.force:
        print("gen_corpus.py: error: %s is not empty (use --force)" % out,
              file=sys.stderr)
        return 2
    word_list = a.words if a.vocabulary == "real" else None
    try:
        lex = _lexicon(word_list)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        print("gen_corpus.py: error: cannot use the word list %s: %s\n"
              "  install it (scripts/install-deps.sh --bench installs the "
              "Debian package wfrench), give another with --words, or use "
              "--vocabulary embedded" % (a.words, e), file=sys.stderr)
        return 2
    os.makedirs(out, exist_ok=True)
    t0 = time.monotonic()
    width = max(7, len(str(a.articles)))
    n_blocks = (a.articles + BLOCK - 1) // BLOCK
    jobs = [(out, a.seed, b, a.articles, a.avg_bytes, width, word_list)
            for b in range(n_blocks)]
    total = BlockStats()
    progress = not a.quiet and sys.stderr.isatty()

    def add(st):
        total.merge(st)
        if total.files in VOCAB_POINTS and total.files % BLOCK == 0:
            total.vocab[total.files] = len(total.df)
        if progress:
            el = time.monotonic() - t0
            print("\r%s/%s articles, %.0f/s " % (
                format(total.files, ","), format(a.articles, ","),
                total.files / max(el, 1e-9)), end="", file=sys.stderr)

    n_proc = min(a.jobs, n_blocks)
    if n_proc > 1:
        import multiprocessing
        with multiprocessing.Pool(n_proc, initializer=_lexicon,
                                  initargs=(word_list,)) as pool:
            for st in pool.imap(run_block, jobs):
                add(st)
    else:
        for job in jobs:
            add(run_block(job))
    if progress:
        print(file=sys.stderr)
    queries = choose_queries(lex, total)
    report = {
        "generator": "bench/gen_corpus.py",
        "version": GENERATOR_VERSION,
        "seed": a.seed,
        "articles": a.articles,
        "avg_bytes": a.avg_bytes,
        "vocabulary": a.vocabulary,
        "files": total.files,
        "bytes": total.bytes,
        "undated": total.undated,
        "distinct_words": len(total.df),
        "vocabulary_growth": {str(k): v for k, v in sorted(total.vocab.items())},
        "queries": queries,
    }
    if lex.tail:
        report["word_list"] = {"path": lex.tail.path, "sha256": lex.tail.sha256,
                               "tail_words": lex.tail.words}
    with open(os.path.join(out, "queries.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=2)
        f.write("\n")
    if not a.quiet:
        el = time.monotonic() - t0
        print("gen_corpus.py: %s files, %.1f MB (%.0f bytes/article), %s "
              "undated, in %.1f s (%.0f files/s), %s" % (
                  format(total.files, ","), total.bytes / 1e6,
                  total.bytes / total.files, format(total.undated, ","), el,
                  total.files / max(el, 1e-9), out), file=sys.stderr)
        print("  vocabulary (%s): %s distinct words%s" % (
            a.vocabulary, format(len(total.df), ","), "".join(
                "; %s after %s articles" % (format(v, ","), format(k, ","))
                for k, v in sorted(total.vocab.items()))), file=sys.stderr)
        for name, v in queries.items():
            print("  %-9s %-28s df %s (%.2f%%)" % (
                name, v["query"], format(v["df"], ","), 100 * v["fraction"]),
                file=sys.stderr)
        print("  written to %s" % os.path.join(out, "queries.json"),
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
